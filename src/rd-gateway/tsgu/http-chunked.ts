/**
 * The body of the HTTP transport's RDG_IN_DATA request: chunked transfer coding (RFC 9112 7.1), each chunk
 * carrying the client's MS-TSGU bytes. Strict and bounded: a size line of at most 8 hex digits (no
 * extensions, no trailers) and chunks no larger than `maxChunk`.
 */
export class ChunkedBodyError extends Error {
  override name = 'ChunkedBodyError';
}

const MAX_SIZE_LINE = 8;

export class ChunkedDecoder {
  private pending: Buffer = Buffer.alloc(0);
  /** Data bytes still due in the current chunk, then its CRLF. */
  private remaining = 0;
  private inChunk = false;
  ended = false;

  constructor(private readonly maxChunk: number) {}

  /** The data bytes in `chunk`; the zero-size chunk sets `ended`, and what follows it (the trailer) is ignored. */
  push(chunk: Buffer): Buffer[] {
    if (this.ended) return [];
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      if (this.inChunk) {
        if (this.remaining > 0) {
          const take = Math.min(this.remaining, this.pending.length);
          if (take === 0) break;
          out.push(this.pending.subarray(0, take));
          this.pending = this.pending.subarray(take);
          this.remaining -= take;
          continue;
        }
        if (this.pending.length < 2) break;
        if (this.pending[0] !== 0x0d || this.pending[1] !== 0x0a)
          throw new ChunkedBodyError('chunk not ended by CRLF');
        this.pending = this.pending.subarray(2);
        this.inChunk = false;
        continue;
      }
      const lineEnd = this.pending.indexOf('\r\n');
      if (lineEnd < 0) {
        if (this.pending.length > MAX_SIZE_LINE + 1) throw new ChunkedBodyError('chunk size line too long');
        break;
      }
      const line = this.pending.toString('latin1', 0, lineEnd);
      if (!/^[0-9A-Fa-f]{1,8}$/.test(line))
        throw new ChunkedBodyError(`bad chunk size ${JSON.stringify(line)}`);
      const size = Number.parseInt(line, 16);
      if (size > this.maxChunk) throw new ChunkedBodyError(`chunk of ${size} bytes`);
      this.pending = this.pending.subarray(lineEnd + 2);
      if (size === 0) {
        this.ended = true;
        break;
      }
      this.remaining = size;
      this.inChunk = true;
    }
    return out;
  }
}
