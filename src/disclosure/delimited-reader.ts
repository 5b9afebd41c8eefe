// Delimited text (CSV, TSV, semicolon files) read as it streams in: rows of fields with the line each starts
// on, quoted fields with delimiters, doubled quotes and line breaks in them, and a byte order mark. A blank
// line comes out as a row of no cells, so that the tables of a file with several can be told apart.

export type Delimiter = ',' | ';' | '\t' | '|';

export interface DelimitedRow {
  /** The line the row starts on, from 1. */
  line: number;
  cells: string[];
}

const CANDIDATES: Delimiter[] = [';', '\t', ',', '|'];
// Enough lines to see a table's shape, few enough to stay at the top of the file.
const SNIFF_LINES = 30;

/**
 * The delimiter of the table that `sample` (the start of a file) holds: the candidate found outside quotes
 * the same number of times on most lines, the more often the better; comment lines (`#`) and blank ones do not
 * count. A comma when none is found, as in a one-column file.
 */
export function sniffDelimiter(sample: string): Delimiter {
  const lines = sample
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .slice(0, SNIFF_LINES);
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter)).filter((count) => count > 0);
    if (counts.length === 0) continue;
    const usual = mostCommon(counts);
    const agreeing = counts.filter((count) => count === usual).length;
    // Lines that agree, each weighted by its fields: a semicolon file's decimal commas agree less often.
    const score = agreeing * (usual + 1);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const character of line) {
    if (character === '"') quoted = !quoted;
    else if (character === delimiter && !quoted) count += 1;
  }
  return count;
}

function mostCommon(values: number[]): number {
  const tally = new Map<number, number>();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);
  return [...tally].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Rows of delimited text, given in chunks of any size. */
export class DelimitedReader {
  readonly #delimiter: number;
  #line = 1;
  #rowLine = 1;
  #cells: string[] = [];
  // The current field's text from earlier chunks; the rest is sliced from the chunk when the field ends.
  #field = '';
  #fieldStarted = false;
  #quoted = false;
  // A quote seen inside a quoted field: the next character tells a doubled quote from the closing one.
  #quoteInQuoted = false;
  #atStart = true;

  constructor(delimiter: Delimiter) {
    this.#delimiter = delimiter.charCodeAt(0);
  }

  /** The rows that this chunk completes. */
  push(chunk: string): DelimitedRow[] {
    const rows: DelimitedRow[] = [];
    let text = chunk;
    if (this.#atStart) {
      text = text.replace(/^\uFEFF/, '');
      if (text !== '') this.#atStart = false;
    }
    // Characters are scanned by code and fields sliced out whole: a string per character is too slow.
    let from = 0;
    const take = (to: number) => {
      if (to > from) this.#field += text.slice(from, to);
    };
    for (let at = 0; at < text.length; at += 1) {
      const code = text.charCodeAt(at);
      if (this.#quoteInQuoted) {
        this.#quoteInQuoted = false;
        if (code === QUOTE) {
          // A doubled quote: the field goes on from this one.
          from = at;
          continue;
        }
        this.#quoted = false;
        from = at;
      }
      if (this.#quoted) {
        if (code === QUOTE) {
          take(at);
          this.#quoteInQuoted = true;
          from = at + 1;
        } else if (code === LINE_FEED) {
          this.#line += 1;
        }
      } else if (code === QUOTE && !this.#fieldStarted && at === from) {
        this.#quoted = true;
        this.#fieldStarted = true;
        from = at + 1;
      } else if (code === this.#delimiter) {
        take(at);
        this.#cells.push(this.#field);
        this.#field = '';
        this.#fieldStarted = false;
        from = at + 1;
      } else if (code === LINE_FEED) {
        take(at);
        rows.push(this.#endRow());
        this.#line += 1;
        this.#rowLine = this.#line;
        from = at + 1;
      } else if (code === CARRIAGE_RETURN) {
        take(at);
        from = at + 1;
      } else {
        this.#fieldStarted = true;
      }
    }
    take(text.length);
    return rows;
  }

  /** The last row, when the text does not end with a line break. */
  end(): DelimitedRow[] {
    this.#quoteInQuoted = false;
    this.#quoted = false;
    if (this.#field === '' && this.#cells.length === 0 && !this.#fieldStarted) return [];
    return [this.#endRow()];
  }

  #endRow(): DelimitedRow {
    this.#cells.push(this.#field);
    const cells = this.#cells.length === 1 && this.#cells[0] === '' ? [] : this.#cells;
    const row = { line: this.#rowLine, cells };
    this.#cells = [];
    this.#field = '';
    this.#fieldStarted = false;
    return row;
  }
}
