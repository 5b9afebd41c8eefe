// Numbers as researchers' tables write them: Swedish decimal commas and English decimal points, spaces or the
// other mark between thousands, a percent sign, a Unicode minus. What is not a number (text, a date, a
// missing-value mark) is null: the rules look at numbers only.

export type DecimalMark = ',' | '.';

export interface CellNumber {
  value: number;
  /** Written as a whole number (no decimals, no percent): what a count looks like. */
  whole: boolean;
  percent: boolean;
}

const SPACES = /[\s\u00a0\u202f\u2009]/g;

/** For each decimal mark: digits grouped by three (with spaces or the other mark), and plain digits. */
const PATTERNS: Record<DecimalMark, { grouped: RegExp; plain: RegExp; thousands: string }> = {
  ',': {
    grouped: /^-?\d{1,3}(?:[\s\u00a0\u202f\u2009.]\d{3})+(?:,\d+)?$/,
    plain: /^-?(?:\d+(?:,\d*)?|,\d+)(?:[eE][-+]?\d+)?$/,
    thousands: '.',
  },
  '.': {
    grouped: /^-?\d{1,3}(?:[\s\u00a0\u202f\u2009,]\d{3})+(?:\.\d+)?$/,
    plain: /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/,
    thousands: ',',
  },
};

/**
 * The number a cell holds, read with the table's decimal mark, or null. `1,5` is 1.5 with a decimal comma;
 * `1,234` with a decimal point is 1234.
 */
export function parseCellNumber(text: string, decimal: DecimalMark): CellNumber | null {
  let body = text.trim();
  if (body === '') return null;
  const percent = body.endsWith('%');
  if (percent) body = body.slice(0, -1).trimEnd();
  body = body.replace(/^[\u2212\u2013]/, '-').replace(/^\+/, '');
  const { grouped, plain, thousands } = PATTERNS[decimal];
  let normalised: string;
  if (grouped.test(body)) normalised = body.replace(SPACES, '').replaceAll(thousands, '');
  else if (plain.test(body)) normalised = body;
  else return null;
  const hasDecimals = normalised.includes(decimal) || /[eE]/.test(normalised);
  const value = Number(normalised.replace(decimal, '.'));
  if (!Number.isFinite(value)) return null;
  return { value, whole: !hasDecimals && !percent, percent };
}

/**
 * The decimal mark a table's numbers use: a comma when numbers with a comma followed by other than three
 * digits (`3,5`, `12,25`) outnumber those with such a point, as in Swedish output; a point otherwise.
 */
export function decimalMarkOf(cells: string[]): DecimalMark {
  let commas = 0;
  let points = 0;
  for (const cell of cells) {
    const text = cell.trim();
    if (/^-?\d+,(?:\d{1,2}|\d{4,})$/.test(text)) commas += 1;
    else if (/^-?\d+\.(?:\d{1,2}|\d{4,})$/.test(text)) points += 1;
  }
  return commas > points ? ',' : '.';
}
