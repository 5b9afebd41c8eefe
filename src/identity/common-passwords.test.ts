import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.js';

describe('COMMON_PASSWORDS', () => {
  it('holds a few thousand words in a small source file', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(3000);
    expect(statSync(new URL('./common-passwords.ts', import.meta.url)).size).toBeLessThan(60_000);
  });

  it('holds only lower-case NFC words of three letters or more, as the policy looks them up', () => {
    for (const word of COMMON_PASSWORDS) {
      expect(word).toMatch(/^\p{Ll}{3,}$/u);
      expect(word.normalize('NFC')).toBe(word);
    }
  });

  it('has the words people reach for, in English and Swedish, with and without å ä ö', () => {
    for (const word of [
      'password',
      'lösenord',
      'losenord',
      'sommar',
      'vinter',
      'hösten',
      'hosten',
      'stockholm',
      'qwerty',
      'welcome',
      'välkommen',
      'valkommen',
      'månader',
      'months',
      'seasons',
      'football',
      'admin',
      'statistics',
      'statistik',
      'anna',
      'johansson',
    ]) {
      expect(COMMON_PASSWORDS.has(word), word).toBe(true);
    }
  });
});
