// Swedish personal identity numbers in free text: the direct identifier the output checker looks for first.
// A personnummer is YYMMDD-NNNC (a '+' instead of '-' from the year of the 100th birthday) or YYYYMMDDNNNC,
// with or without the separator; C is a Luhn check digit over the nine digits before it. A
// samordningsnummer is the same with 60 added to the day. Only numbers whose date exists and whose check
// digit holds count: a phone number, a date, a case number or a random 10-digit number mostly does not.

export type IdentityNumberKind = 'personnummer' | 'samordningsnummer';

export interface IdentityNumber {
  kind: IdentityNumberKind;
  /** As written in the text. */
  text: string;
  /** Where it starts in the text (UTF-16 code units). */
  index: number;
}

// Digits not joined to other digits, letters or the characters that join numbers (a decimal point, a
// version's dots, a date's slashes): `(CC)YYMMDD`, an optional separator, then four digits.
const CANDIDATE = /(?<![\p{L}\p{N}_.,/:+-])((?:18|19|20)?\d{6})([-+]?)(\d{4})(?![\p{L}\p{N}_]|[.,]\d)/gu;

/** Every valid personnummer and samordningsnummer in `text`, in order. */
export function findIdentityNumbers(text: string): IdentityNumber[] {
  const found: IdentityNumber[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const [whole, datePart = '', separator = '', serial = ''] = match;
    // A 12-digit number has no separator between its date and serial in any form in use.
    if (datePart.length === 8 && separator === '+') continue;
    const kind = identityNumberKind(datePart, serial);
    if (kind) found.push({ kind, text: whole, index: match.index });
  }
  return found;
}

/** The kind of number `(CC)YYMMDD` + `NNNC` is, or null when its date does not exist or its check digit fails. */
export function identityNumberKind(datePart: string, serial: string): IdentityNumberKind | null {
  const century = datePart.length === 8 ? Number(datePart.slice(0, 2)) : null;
  const short = datePart.slice(-6);
  const year = Number(short.slice(0, 2));
  const month = Number(short.slice(2, 4));
  const day = Number(short.slice(4, 6));
  const coordination = day > 60;
  const realDay = coordination ? day - 60 : day;
  if (month < 1 || month > 12 || realDay < 1 || realDay > daysIn(month, century, year)) return null;
  if (!luhnValid(`${short}${serial}`)) return null;
  return coordination ? 'samordningsnummer' : 'personnummer';
}

/** The days of the month; February has 29 when the year may be a leap year (its century unknown). */
function daysIn(month: number, century: number | null, year: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  if (year % 4 !== 0) return 28;
  if (year !== 0 || century === null) return 29;
  // 1800 and 1900 were not leap years; 2000 was.
  return century % 4 === 0 ? 29 : 28;
}

/** The Luhn (mod 10) check over all the digits, the last being the check digit; weights 2, 1, 2, … from the first. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    const weighted = Number(digits[index]) * (index % 2 === 0 ? 2 : 1);
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return digits.length === 10 && sum % 10 === 0;
}
