import { createHash } from 'node:crypto';

export interface TestIdentity {
  personalIdentityNumber: string;
  name: string;
  givenName: string;
  familyName: string;
}

const person = (personalIdentityNumber: string, givenName: string, familyName: string): TestIdentity => ({
  personalIdentityNumber,
  name: `${givenName} ${familyName}`,
  givenName,
  familyName,
});

/** Invented people: the numbers have a valid date and check digit, nothing more. */
export const TEST_IDENTITIES: readonly TestIdentity[] = [
  person('196503129840', 'Tess', 'Testberg'),
  person('197809219913', 'Sven', 'Provsson'),
  person('195011079828', 'Greta', 'Testlund'),
  person('198804309865', 'Fia', 'Fiktiv'),
  person('199912249936', 'Demo', 'Demosson'),
];

/** Twelve digits YYYYMMDDNNNN: a real date (or a coordination number, day + 60) and a valid Luhn check digit. */
export function isPersonalIdentityNumber(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8)) % 60;
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDate = year >= 1850 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return realDate && luhnSum(value.slice(2)) % 10 === 0;
}

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return sum;
}

export type TypedIdentity = TestIdentity | 'invalid-number' | 'invalid-name';

/** A person typed into the test form: a valid number, a first and a last name. */
export function typedIdentity(number: string, name: string): TypedIdentity {
  const digits = number.replace(/[\s-]/g, '');
  if (!isPersonalIdentityNumber(digits)) return 'invalid-number';
  const words = name.trim().split(/\s+/);
  const family = words.pop();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (!family || words.length === 0 || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
    return 'invalid-name';
  }
  return person(digits, words.join(' '), family);
}

/** The `sub` claim: stable for a person across restarts, without showing the number. */
export function subjectFor(personalIdentityNumber: string): string {
  return createHash('sha256').update(`mona-dev-idp:${personalIdentityNumber}`).digest('hex');
}
