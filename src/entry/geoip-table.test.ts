import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../demo/seeded-random.js';
import { RangeTableBuilder } from './geoip-table.js';

type Row = readonly [start: number, end: number, code: string];

function table(rows: readonly Row[]) {
  const builder = new RangeTableBuilder(1);
  for (const [start, end, code] of rows) builder.add(BigInt(start), BigInt(end), code);
  return builder.build();
}

describe('RangeTableBuilder', () => {
  it('finds nothing in an empty table', () => {
    expect(table([]).find([0])).toBeNull();
  });

  it('keeps what an inner range leaves of the enclosing ones on both sides', () => {
    const found = table([
      [0, 99, 'AA'],
      [10, 59, 'BB'],
      [20, 29, 'CC'],
      [40, 49, 'DD'],
    ]);
    const addresses = [0, 9, 10, 19, 20, 29, 30, 39, 40, 49, 50, 59, 60, 99, 100];
    expect(addresses.map((address) => found.find([address]) ?? '--').join(' ')).toBe(
      'AA AA BB BB CC CC BB BB DD DD BB BB AA AA --',
    );
  });

  it('answers as "the last row holding the address" for random overlapping rows', () => {
    const random = new SeededRandom(7);
    for (let round = 0; round < 50; round += 1) {
      const rows: Row[] = Array.from({ length: 30 }, () => {
        const start = random.int(0, 200);
        return [
          start,
          start + random.int(0, 40),
          String.fromCharCode(65 + random.int(0, 5)).repeat(2),
        ] as const;
      }).sort((a, b) => a[0] - b[0]);
      const found = table(rows);
      for (let address = 0; address <= 250; address += 1) {
        const expected = rows.findLast(([start, end]) => start <= address && address <= end)?.[2] ?? null;
        expect(found.find([address]), `round ${round}, address ${address}`).toBe(expected);
      }
    }
  });

  it('compares IPv6 addresses word by word, most significant first', () => {
    const builder = new RangeTableBuilder(4);
    builder.add(2n ** 64n, 2n ** 96n - 1n, 'SE');
    const found = builder.build();
    expect(found.find([0, 0, 0xffff_ffff, 0xffff_ffff])).toBeNull();
    expect(found.find([0, 1, 0, 0])).toBe('SE');
    expect(found.find([0, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff])).toBe('SE');
    expect(found.find([1, 0, 0, 0])).toBeNull();
  });
});
