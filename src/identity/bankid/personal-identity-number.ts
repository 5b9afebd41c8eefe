import { createHmac } from 'node:crypto';

/**
 * A Swedish personal identity number as brokers send it: twelve digits,
 * YYYYMMDDNNNN (a hyphen or plus before the last four is tolerated), with a
 * valid date (or coordination number: day + 60) and Luhn check digit.
 */
export function parsePersonalIdentityNumber(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{8})[-+]?(\d{4})$/.exec(value.trim());
  if (!match) return null;
  const digits = `${match[1]}${match[2]}`;
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8)) % 60;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1850 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return luhnValid(digits.slice(2)) ? digits : null;
}

function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i += 1) {
    let digit = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** What is stored to match an identity: an HMAC under the installation's key, never the number. */
export function pinHmac(key: Buffer, pin: string): string {
  return createHmac('sha256', key).update(pin).digest('hex');
}

/** What staff see: the date of birth, the last four digits hidden. */
export function maskPin(pin: string): string {
  return `${pin.slice(0, 8)}-****`;
}
