import { constants, createInflate } from 'node:zlib';

// ZRLE (RFC 6143, 7.7.6) for a viewer that asked for 32-bit true colour with depth 24: each pixel comes as a
// 3-byte CPIXEL, little-endian. One zlib stream runs through all the rectangles of a connection.

const TILE = 64;

/** Decodes a connection's ZRLE rectangles into pixels (0x00RRGGBB). */
export class ZrleDecoder {
  readonly #inflate = createInflate();
  #output: Buffer[] = [];

  constructor() {
    this.#inflate.on('data', (chunk: Buffer) => this.#output.push(chunk));
  }

  async decode(compressed: Buffer, width: number, height: number): Promise<Uint32Array> {
    this.#inflate.write(compressed);
    await new Promise<void>((resolve) => this.#inflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    const data = Buffer.concat(this.#output);
    this.#output = [];
    return decodeTiles(data, width, height);
  }

  close(): void {
    this.#inflate.destroy();
  }
}

/** The rectangle's pixels from its tiles, 64 by 64 from the top left, each with its subencoding. */
export function decodeTiles(data: Buffer, width: number, height: number): Uint32Array {
  const pixels = new Uint32Array(width * height);
  let at = 0;
  // Buffer's reads throw past the end: a short rectangle is an error, not a black one.
  const byte = () => data.readUInt8(at++);
  const cpixel = () => {
    const value = data.readUIntLE(at, 3);
    at += 3;
    return value;
  };
  const runLength = () => {
    let length = 1;
    for (let last = 255; last === 255; length += last) last = byte();
    return length;
  };
  const colourOf = (palette: number[], index: number) => {
    const colour = palette[index];
    if (colour === undefined) throw new Error(`ZRLE palette of ${palette.length} has no colour ${index}`);
    return colour;
  };
  for (let top = 0; top < height; top += TILE) {
    for (let left = 0; left < width; left += TILE) {
      const w = Math.min(TILE, width - left);
      const h = Math.min(TILE, height - top);
      const put = (index: number, value: number) => {
        pixels[(top + Math.floor(index / w)) * width + left + (index % w)] = value;
      };
      const subencoding = byte();
      if (subencoding === 0) {
        for (let index = 0; index < w * h; index += 1) put(index, cpixel());
      } else if (subencoding === 1) {
        const colour = cpixel();
        for (let index = 0; index < w * h; index += 1) put(index, colour);
      } else if (subencoding <= 16) {
        const palette = Array.from({ length: subencoding }, cpixel);
        const bits = subencoding === 2 ? 1 : subencoding <= 4 ? 2 : 4;
        const mask = (1 << bits) - 1;
        for (let row = 0; row < h; row += 1) {
          // Each row starts on a byte of its own; the first pixel is in the byte's highest bits.
          let used = 0;
          for (let column = 0; column < w; column += 1) {
            put(row * w + column, colourOf(palette, (data.readUInt8(at) >> (8 - bits - used)) & mask));
            used += bits;
            if (used === 8) {
              used = 0;
              at += 1;
            }
          }
          if (used > 0) at += 1;
        }
      } else if (subencoding === 128) {
        for (let index = 0; index < w * h; ) {
          const colour = cpixel();
          for (let run = runLength(); run > 0; run -= 1) put(index++, colour);
        }
      } else if (subencoding >= 130) {
        const palette = Array.from({ length: subencoding - 128 }, cpixel);
        for (let index = 0; index < w * h; ) {
          const entry = byte();
          const colour = colourOf(palette, entry & 127);
          for (let run = entry & 128 ? runLength() : 1; run > 0; run -= 1) put(index++, colour);
        }
      } else {
        throw new Error(`ZRLE subencoding ${subencoding} is not defined`);
      }
    }
  }
  if (at !== data.length) throw new Error(`ZRLE rectangle: ${data.length - at} bytes left over`);
  return pixels;
}
