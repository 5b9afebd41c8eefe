/**
 * Address ranges mapped to country codes. An address is an unsigned integer of `width`
 * 32-bit words (1 for IPv4, 4 for IPv6), most significant first.
 */
export interface RangeTable {
  /** The country of the range holding `address`, or null if none does. */
  find(address: readonly number[]): string | null;
}

interface Segment {
  start: bigint;
  end: bigint;
  code: string;
}

/**
 * Builds a table from rows sorted by start. Rows may overlap (the data lists an enclosing
 * range before the more specific ranges inside it): a row overrides the rows before it
 * where they overlap, leaving disjoint segments that a binary search can find.
 */
export class RangeTableBuilder {
  private readonly segments: Segment[] = [];

  constructor(private readonly width: 1 | 4) {}

  add(start: bigint, end: bigint, code: string): void {
    // Only a tail of segments can reach `start`, since no earlier row starts after it.
    let from = this.segments.length;
    while (from > 0 && (this.segments[from - 1]?.end ?? -1n) >= start) from -= 1;
    const covered = this.segments.splice(from);
    // Of the segments the row covers, what lies before it and after it remains.
    const first = covered[0];
    if (first && first.start < start) this.segments.push({ ...first, end: start - 1n });
    this.segments.push({ start, end, code });
    for (const segment of covered.filter((segment) => segment.end > end)) {
      this.segments.push({ ...segment, start: segment.start > end ? segment.start : end + 1n });
    }
  }

  build(): RangeTable {
    const { segments, width } = this;
    const starts = new Uint32Array(segments.length * width);
    const ends = new Uint32Array(segments.length * width);
    const countries = new Uint16Array(segments.length);
    const codeIndex = new Map<string, number>();
    segments.forEach((segment, i) => {
      writeWords(starts, i * width, width, segment.start);
      writeWords(ends, i * width, width, segment.end);
      if (!codeIndex.has(segment.code)) codeIndex.set(segment.code, codeIndex.size);
      countries[i] = codeIndex.get(segment.code) ?? 0;
    });
    return new SearchTable(width, starts, ends, countries, [...codeIndex.keys()]);
  }
}

function writeWords(words: Uint32Array, offset: number, width: number, value: bigint): void {
  for (let w = 0; w < width; w += 1) {
    words[offset + w] = Number((value >> BigInt(32 * (width - 1 - w))) & 0xffff_ffffn);
  }
}

class SearchTable implements RangeTable {
  constructor(
    private readonly width: number,
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly countries: Uint16Array,
    private readonly codes: readonly string[],
  ) {}

  find(address: readonly number[]): string | null {
    // The last segment starting at or before the address; it holds the address unless it ends before it.
    let low = 0;
    let high = this.countries.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.starts, middle, address) <= 0) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found < 0 || this.compare(this.ends, found, address) < 0) return null;
    return this.codes[this.countries[found] ?? -1] ?? null;
  }

  private compare(words: Uint32Array, index: number, address: readonly number[]): number {
    for (let w = 0; w < this.width; w += 1) {
      const difference = (words[index * this.width + w] ?? 0) - (address[w] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  }
}
