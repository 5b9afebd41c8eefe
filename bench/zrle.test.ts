import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeTiles, ZrleDecoder } from './zrle.js';

const RED = 0xff0000;
const GREEN = 0x00ff00;
const BLUE = 0x0000ff;

/** A CPIXEL: the pixel's three low bytes, little-endian. */
function cpixel(colour: number): number[] {
  return [colour & 0xff, (colour >> 8) & 0xff, colour >> 16];
}

describe("the benchmark viewer's ZRLE", () => {
  it('decodes raw and solid tiles', () => {
    expect([...decodeTiles(Buffer.from([0, ...cpixel(RED), ...cpixel(GREEN)]), 2, 1)]).toEqual([RED, GREEN]);
    expect([...decodeTiles(Buffer.from([1, ...cpixel(BLUE)]), 2, 2)]).toEqual([BLUE, BLUE, BLUE, BLUE]);
  });

  it('decodes a packed palette, each row starting on a byte of its own', () => {
    // Two colours, one bit each: rows 1 0 1 and 0 1 1, padded to a byte.
    const tile = Buffer.from([2, ...cpixel(RED), ...cpixel(GREEN), 0b1010_0000, 0b0110_0000]);
    expect([...decodeTiles(tile, 3, 2)]).toEqual([GREEN, RED, GREEN, RED, GREEN, GREEN]);
    // Three colours, two bits each.
    const three = Buffer.from([3, ...cpixel(RED), ...cpixel(GREEN), ...cpixel(BLUE), 0b10_01_00_10]);
    expect([...decodeTiles(three, 4, 1)]).toEqual([BLUE, GREEN, RED, BLUE]);
  });

  it('decodes runs, also one longer than 255 pixels, plain and from a palette', () => {
    // 300 = 1 + 255 + 44, then 20 = 1 + 19: one tile of 20 by 16.
    const plain = decodeTiles(Buffer.from([128, ...cpixel(RED), 255, 44, ...cpixel(BLUE), 19]), 20, 16);
    expect(plain.filter((pixel) => pixel === RED)).toHaveLength(300);
    expect([plain[299], plain[300], plain[319]]).toEqual([RED, BLUE, BLUE]);
    const palette = Buffer.from([130, ...cpixel(RED), ...cpixel(GREEN), 1, 128, 1]);
    expect([...decodeTiles(palette, 3, 1)]).toEqual([GREEN, RED, RED]);
  });

  it('walks tiles of 64 by 64 from the top left, across then down', () => {
    const tiles = Buffer.from([1, ...cpixel(RED), 1, ...cpixel(GREEN), 1, ...cpixel(BLUE), 1, ...cpixel(0)]);
    const pixels = decodeTiles(tiles, 65, 65);
    expect([pixels[0], pixels[64], pixels[64 * 65], pixels[65 * 65 - 1]]).toEqual([RED, GREEN, BLUE, 0]);
  });

  it('refuses a rectangle that is short or has bytes left over', () => {
    expect(() => decodeTiles(Buffer.from([0, ...cpixel(RED)]), 2, 1)).toThrow();
    expect(() => decodeTiles(Buffer.from([1, ...cpixel(RED), 0]), 1, 1)).toThrow(/left over/);
    expect(() => decodeTiles(Buffer.from([2, ...cpixel(RED), 0]), 1, 1)).toThrow();
  });

  it('inflates what the server compressed', async () => {
    const decoder = new ZrleDecoder();
    const pixels = await decoder.decode(deflateSync(Buffer.from([1, ...cpixel(GREEN)])), 2, 1);
    decoder.close();
    expect([...pixels]).toEqual([GREEN, GREEN]);
  });
});
