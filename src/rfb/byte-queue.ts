/**
 * Bytes that arrive in arbitrary chunks (TCP reads, WebSocket frames), read back in the
 * exact sizes a protocol needs, either by peeking synchronously or by awaiting `read`.
 * Chunks are kept as they came and only joined when read, so many small chunks stay cheap.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private size = 0;
  private pending: { size: number; resolve(bytes: Buffer): void; reject(error: Error): void } | null = null;
  private failure: Error | null = null;

  get length(): number {
    return this.size;
  }

  push(chunk: Buffer): void {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
    this.settle();
  }

  u8(offset: number): number {
    return this.head(offset + 1).readUInt8(offset);
  }

  u16(offset: number): number {
    return this.head(offset + 2).readUInt16BE(offset);
  }

  u32(offset: number): number {
    return this.head(offset + 4).readUInt32BE(offset);
  }

  i32(offset: number): number {
    return this.head(offset + 4).readInt32BE(offset);
  }

  /** Removes and returns the first `size` bytes (fewer if fewer are queued). */
  take(size: number): Buffer {
    const parts: Buffer[] = [];
    let taken = 0;
    for (let chunk = this.chunks[0]; chunk && taken < size; chunk = this.chunks[0]) {
      const part = chunk.subarray(0, size - taken);
      if (part.length === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(part.length);
      parts.push(part);
      taken += part.length;
    }
    this.size -= taken;
    return Buffer.concat(parts, taken);
  }

  /** Resolves with exactly `size` bytes once they have arrived; one read at a time. */
  read(size: number): Promise<Buffer> {
    if (this.pending) return Promise.reject(new Error('concurrent read'));
    return new Promise((resolve, reject) => {
      this.pending = { size, resolve, reject };
      this.settle();
    });
  }

  /** Makes the pending and any later read that cannot be satisfied reject with `error`. */
  fail(error: Error): void {
    this.failure = error;
    this.settle();
  }

  /** The first chunk, merged with the following ones until it holds at least `size` bytes. */
  private head(size: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= size) return first;
    if (size > this.size) throw new RangeError('not enough bytes queued');
    const merged = this.take(size);
    this.chunks.unshift(merged);
    this.size += size;
    return merged;
  }

  private settle(): void {
    const pending = this.pending;
    if (!pending) return;
    if (this.size >= pending.size) {
      this.pending = null;
      pending.resolve(this.take(pending.size));
    } else if (this.failure) {
      this.pending = null;
      pending.reject(this.failure);
    }
  }
}
