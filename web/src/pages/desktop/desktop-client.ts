import type RFB from '@novnc/novnc';
import type { Language } from '../../i18n/language.js';
import { openDesktop, websocketUrl } from './desktop-api.js';
import {
  afterClose,
  afterOpenFailed,
  type NextStep,
  newStreak,
  type Streak,
  type ViewerState,
} from './reconnect.js';

/** Hears each change of the connection's state; `error` is why it failed, when a call said so. */
export type StateListener = (state: ViewerState, error?: unknown) => void;

/**
 * The noVNC connection to the user's desktop, drawn into `screen`. Every attempt asks for a fresh
 * single-use ticket; after a close, the gateway's close code decides what follows (reconnect.ts).
 */
export class DesktopClient {
  readonly #screen: HTMLElement;
  readonly #report: StateListener;
  readonly #onConnect: () => void;
  readonly #language: () => Language;
  #rfb: RFB | undefined;
  #timer: number | undefined;
  #streak: Streak | undefined;
  // Each attempt, and closing, bumps this: events of an older attempt are ignored.
  #attempt = 0;

  /** `language`: the portal's, asked at each attempt; a session it starts opens in it. */
  constructor(screen: HTMLElement, report: StateListener, onConnect: () => void, language: () => Language) {
    this.#screen = screen;
    this.#report = report;
    this.#onConnect = onConnect;
    this.#language = language;
  }

  /** Connects as the user asked: on opening the page, or after an idle close, an ended session or a failure. */
  connect(): void {
    this.#streak = undefined;
    this.#report('connecting');
    void this.#open();
  }

  /** Closes this tab's connection and stops trying; the session keeps running. */
  close(): void {
    this.#attempt++;
    window.clearTimeout(this.#timer);
    this.#rfb?.disconnect();
    this.#rfb = undefined;
  }

  /** Gives the keyboard back to the desktop, e.g. after a click on the toolbar. */
  focus(): void {
    this.#rfb?.focus();
  }

  async #open(): Promise<void> {
    this.close();
    const attempt = this.#attempt;
    let opened: [typeof import('@novnc/novnc'), string];
    try {
      // noVNC is loaded with the first connection: no other page needs it.
      opened = await Promise.all([import('@novnc/novnc'), openDesktop(this.#language())]);
    } catch (error) {
      if (attempt === this.#attempt)
        this.#follow(afterOpenFailed(error, this.#streak, performance.now()), error);
      return;
    }
    if (attempt !== this.#attempt) return;
    const [{ default: Client }, path] = opened;

    const socket = new WebSocket(websocketUrl(path, window.location));
    // noVNC does not say how its socket closed; the close code is what tells an idle close from a blip.
    socket.addEventListener('close', (event) => {
      if (attempt !== this.#attempt) return;
      this.#rfb = undefined;
      const now = performance.now();
      this.#follow(afterClose(event.code, this.#streak ?? newStreak(now), now));
    });
    const rfb = new Client(this.#screen, socket);
    rfb.scaleViewport = true;
    rfb.resizeSession = false;
    rfb.clipViewport = false;
    rfb.viewOnly = false;
    rfb.addEventListener('connect', () => {
      if (attempt !== this.#attempt) return;
      this.#streak = undefined;
      this.#report('connected');
      rfb.focus();
      this.#onConnect();
    });
    this.#rfb = rfb;
  }

  #follow(step: NextStep, error?: unknown): void {
    if (step.action === 'stop') {
      this.#report(step.state, error);
      return;
    }
    this.#streak = step.streak;
    this.#report('reconnecting');
    this.#timer = window.setTimeout(() => void this.#open(), step.delayMs);
  }
}
