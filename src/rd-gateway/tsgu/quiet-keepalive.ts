/**
 * Calls `send` whenever `quietMs` pass with nothing sent to the client; `sent()` says something just went.
 *
 * Why: Debian 12's FreeRDP (2.11.7+dfsg1-6~deb12u2) reads a gateway tunnel in the same thread that handles
 * the user's keyboard and mouse, and waits there for the gateway's next byte. While the desktop shows
 * nothing new, keystrokes sit unread in the client until the screen next changes. A keepalive packet
 * (MS-TSGU 2.2.10.8, sent by either side "if there is no RDP data") ends that wait, so input is at most
 * `quietMs` late. Other clients simply answer it or ignore it.
 */
export function quietKeepalive(quietMs: number, send: () => void): { sent(): void; stop(): void } {
  const timer = setTimeout(() => {
    send();
    timer.refresh();
  }, quietMs).unref();
  return {
    sent: () => timer.refresh(),
    stop: () => clearTimeout(timer),
  };
}
