import { describe, expect, it } from 'vitest';
import {
  checkNewPassword,
  generateInitialPassword,
  PASSWORD_POLICY,
  type PasswordRule,
} from './password-policy.js';

const username = 'anna.svensson';
const check = (password: string, extra: { repeat?: string; currentPassword?: string } = {}): PasswordRule[] =>
  checkNewPassword({
    password,
    repeat: extra.repeat ?? password,
    username,
    currentPassword: extra.currentPassword,
  });

describe('checkNewPassword', () => {
  it.each([
    'Tranquil-Otter-Bay',
    'qxv7-Wmr2-Kpt9',
    'Grå-Måsen-Flyger-42',
    'UPPER-lower-1234',
    'Björk&Lönn12',
  ])('accepts %j', (password) => {
    expect(check(password)).toEqual([]);
  });

  describe('length', () => {
    it('needs 12 characters and allows 128', () => {
      expect(check('Qxv7-Wmr2-Kp')).toEqual([]);
      expect(check('Qxv7-Wmr2-K')).toEqual(['too_short']);
      expect(check(`Qx-7${'v'.repeat(124)}`)).toEqual([]);
      expect(check(`Qx-7${'v'.repeat(125)}`)).toEqual(['too_long']);
    });

    it('counts code points in NFC, not UTF-16 units', () => {
      const elevenLetters = 'Gråsparv-4x'.normalize('NFD');
      expect(elevenLetters.length).toBe(12);
      expect(check(elevenLetters)).toEqual(['too_short']);
      expect(check('Qxv7-Wmr2-K😀')).toEqual(['unsupported_character']);
    });

    it('reports the empty password by every rule it fails', () => {
      expect(check('')).toEqual(['too_short', 'too_few_kinds']);
    });
  });

  describe('kinds of character', () => {
    it('needs three of lower case, upper case, digits and specials', () => {
      expect(check('qxvtwmrkptbz')).toEqual(['too_few_kinds']);
      expect(check('qxvtwmrkpt12')).toEqual(['too_few_kinds']);
      expect(check('QXVT-WMRK-PT')).toEqual(['too_few_kinds']);
      expect(check('Qxvt-Wmrk-Pt')).toEqual([]);
      expect(check('Qxvt4Wmrk9Pt')).toEqual([]);
      expect(check('qxvt-wmrk-12')).toEqual([]);
      expect(check('QXVT-WMRK-12')).toEqual([]);
    });

    it('lists exactly the 32 ASCII specials of R12 and R12+', () => {
      expect([...PASSWORD_POLICY.specials].sort().join('')).toBe('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
    });

    it.each([...PASSWORD_POLICY.specials])('counts %j as a special', (special) => {
      expect(check(`Qxvtwmrkptbz${special}`)).toEqual([]);
      expect(check(`qxvtwmrkptbz${special}`)).toEqual(['too_few_kinds']);
    });

    it('counts å ä ö and other European letters as lower or upper case', () => {
      expect(check('åäöéüøæßłč12')).toEqual(['too_few_kinds']);
      expect(check('ÅÄÖÉÜØÆŁČ123')).toEqual(['too_few_kinds']);
      expect(check('ÅÄÖåäöéüøæ12')).toEqual([]);
      expect(check('Ålänning-Ösby')).toEqual([]);
    });

    it('reads a decomposed å as the letter å', () => {
      expect(check('Gråsparv-42x'.normalize('NFD'))).toEqual([]);
    });

    it.each([
      ['a space', 'Qxvt Wmrk Pt9'],
      ['a tab', 'Qxvt\tWmrk-Pt9'],
      ['a no-break space', 'Qxvt\u00a0Wmrk-Pt9'],
      ['a zero-width space', 'Qxvt\u200bWmrk-Pt9'],
      ['a control character', 'Qxvt\u0007Wmrk-Pt9'],
      ['the Swedish keyboard’s §', 'Qxvt§Wmrk-Pt9'],
      ['a euro sign', 'Qxvt€Wmrk-Pt9'],
      ['a multiplication sign', 'Qxvt×Wmrk-Pt9'],
      ['Greek letters', 'Qxvt-αβγδ-Pt9'],
      ['Cyrillic letters', 'Qxvt-жзий-Pt9'],
      ['full-width letters', 'Ｑｘｖｔ-Wmrk-Pt9'],
      ['full-width digits', 'Qxvt-Wmrk-Pt９'],
      ['Arabic-Indic digits', 'Qxvt-Wmrk-Pt٩'],
      ['a letter with a combining mark that has no precomposed form', 'Qx\u0301vt-Wmrk-Pt9'],
      ['an emoji', 'Qxvt-Wmrk-Pt9🔑'],
    ])('refuses %s', (_, password) => {
      expect(check(password)).toEqual(['unsupported_character']);
    });

    it('does not count refused characters as a kind', () => {
      expect(check('qxvt wmrk 12')).toEqual(['too_few_kinds', 'unsupported_character']);
    });
  });

  describe('username', () => {
    it('refuses the username anywhere, in any case', () => {
      expect(check('Anna.Svensson-2026')).toEqual(['contains_username']);
      expect(check('x9!ANNA.SVENSSON')).toEqual(['contains_username']);
      expect(check('Anna-Svensson-2026')).toEqual([]);
    });

    it('compares non-ASCII usernames case-insensitively', () => {
      expect(
        checkNewPassword({ password: 'Qx9-ÅSA.ÖBERG', repeat: 'Qx9-ÅSA.ÖBERG', username: 'åsa.öberg' }),
      ).toEqual(['contains_username']);
    });
  });

  describe('dictionary words', () => {
    it.each([
      'Password12345!',
      'P@ssw0rd2026!',
      '!!Password!!2026',
      'Lösenord2026!',
      'Losenord2026!',
      'LÖSENORD-2026',
      'Välkommen2026!',
      'Hösten2026!!',
      'Sommar2026!!',
      'Stockholm#2026',
      'Statistik#2026',
      'Statistics2026!',
      'Qwerty123456!',
      'Football2026!',
      'Footb4ll2026!',
      'M0nkey12345!',
      'L1verpool2026',
      'Wh1te2026!!!',
      '4dmin!!202612',
      '7iger2026!!!',
      'Ca$h2026!!!!',
      'Kristina2026!',
      'December2026!',
      'Månader2026!!',
    ])('refuses %j', (password) => {
      expect(check(password)).toEqual(['dictionary_word']);
    });

    it.each([
      'SommarVinter2026!',
      'Correct-Horse-Battery',
      'Sommar2026Regn',
      'Pass-word-2026',
      'Tr0ub4dor&3xyz',
    ])('accepts %j, which is more than one word', (password) => {
      expect(check(password)).toEqual([]);
    });

    it('stays fast on a huge input', () => {
      const started = performance.now();
      expect(check(`Aa${'!'.repeat(1_000_000)}b`)).toEqual(['too_long']);
      expect(check(`1${'a!'.repeat(500_000)}`)).toEqual(['too_long']);
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });

  describe('current password and repetition', () => {
    it('refuses the current password, compared exactly', () => {
      expect(check('Qxvt-Wmrk-Pt9', { currentPassword: 'Qxvt-Wmrk-Pt9' })).toEqual(['same_as_current']);
      expect(check('Qxvt-Wmrk-Pt9', { currentPassword: 'qxvt-wmrk-pt9' })).toEqual([]);
      expect(check('Grå-Wmrk-Pt9', { currentPassword: 'Grå-Wmrk-Pt9'.normalize('NFD') })).toEqual([
        'same_as_current',
      ]);
    });

    it('needs the password typed twice alike', () => {
      expect(check('Qxvt-Wmrk-Pt9', { repeat: 'Qxvt-Wmrk-Pt8' })).toEqual(['repeat_mismatch']);
      expect(check('Qxvt-Wmrk-Pt9', { repeat: '' })).toEqual(['repeat_mismatch']);
    });
  });

  it('reports every failed rule in the documented order', () => {
    expect(
      checkNewPassword({
        password: 'anna password',
        repeat: 'anna passwort',
        username: 'Anna',
        currentPassword: 'anna password',
      }),
    ).toEqual([
      'too_few_kinds',
      'unsupported_character',
      'contains_username',
      'same_as_current',
      'repeat_mismatch',
    ]);
    expect(
      checkNewPassword({ password: 'Anna1!', repeat: 'x', username: 'anna', currentPassword: 'Anna1!' }),
    ).toEqual(['too_short', 'contains_username', 'dictionary_word', 'same_as_current', 'repeat_mismatch']);
  });
});

describe('generateInitialPassword', () => {
  const passwords = Array.from({ length: 500 }, generateInitialPassword);

  it('gives 16 characters that pass the policy', () => {
    for (const password of passwords) {
      expect(password).toHaveLength(16);
      expect(checkNewPassword({ password, repeat: password, username: 'demo.researcher' })).toEqual([]);
    }
  });

  it('avoids characters that are ambiguous in print or awkward to type', () => {
    for (const password of passwords) expect(password).toMatch(/^[a-hjkmnp-zA-HJ-NP-Z2-9!#%&()+=?*/]+$/);
  });

  it('uses the whole alphabet and does not repeat itself', () => {
    expect(new Set(passwords.join('')).size).toBe(66);
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
