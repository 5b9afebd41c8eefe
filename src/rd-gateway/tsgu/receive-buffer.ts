/**
 * Bytes received in chunks of any size, kept contiguous so a reader can parse a frame or packet in
 * place. Joining every chunk onto the pending bytes would cost quadratic time when a peer dribbles a
 * 64 KiB packet a byte at a time, before it has authenticated; here appends stay linear overall and
 * the capacity stays within twice the largest amount ever pending.
 */
export class ReceiveBuffer {
  private bytes = Buffer.alloc(0);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  /** The bytes not yet consumed; valid until the next append. */
  get unread(): Buffer {
    return this.bytes.subarray(this.start, this.end);
  }

  append(chunk: Buffer): void {
    if (this.end + chunk.length > this.bytes.length) {
      const needed = this.length + chunk.length;
      // Compacting moves at most half the capacity, and only once at least as many bytes were appended.
      if (needed <= this.bytes.length / 2) {
        this.bytes.copyWithin(0, this.start, this.end);
      } else {
        const grown = Buffer.alloc(2 * needed);
        this.bytes.copy(grown, 0, this.start, this.end);
        this.bytes = grown;
      }
      this.end = this.length;
      this.start = 0;
    }
    chunk.copy(this.bytes, this.end);
    this.end += chunk.length;
  }

  consume(size: number): void {
    this.start = Math.min(this.start + size, this.end);
    if (this.start === this.end) this.start = this.end = 0;
  }

  /** Forgets everything, including the capacity. */
  clear(): void {
    this.bytes = Buffer.alloc(0);
    this.start = this.end = 0;
  }
}
