import type { Duplex } from 'node:stream';

/** RDG-Connection-Id: a GUID, braces optional, as clients write it. */
export const CONNECTION_ID =
  /^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$/;

export interface InChannel {
  socket: Duplex;
  /** Body bytes that came with the request head. */
  rest: Buffer;
}

/**
 * The HTTP transport's two connections, paired by their RDG-Connection-Id: the RDG_OUT_DATA connection waits
 * here, bounded in number and time, for the RDG_IN_DATA connection of the same id.
 */
export class HttpTransportPairs {
  private readonly waiting = new Map<string, (channel: InChannel | null) => void>();

  constructor(private readonly maxWaiting = 100) {}

  /** Resolves with the IN channel, or null when none comes in time, the id is taken or too many wait. */
  waitForIn(connectionId: string, timeoutMs: number): Promise<InChannel | null> {
    const id = connectionId.toLowerCase();
    if (this.waiting.has(id) || this.waiting.size >= this.maxWaiting) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(null), timeoutMs);
      const settle = (channel: InChannel | null) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(channel);
      };
      this.waiting.set(id, settle);
    });
  }

  /** Hands the IN channel to its waiting OUT connection; false when none waits. */
  deliverIn(connectionId: string, channel: InChannel): boolean {
    const settle = this.waiting.get(connectionId.toLowerCase());
    if (!settle) return false;
    settle(channel);
    return true;
  }
}
