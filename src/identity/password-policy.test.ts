import { describe, expect, it } from 'vitest';
import {
  checkNewPassword,
  generateInitialPassword,
  type NewPassword,
  PASSWORD_POLICY,
  type PasswordRule,
} from './password-policy.js';

const username = 'anna.svensson';
const rulesOf = async (input: NewPassword): Promise<PasswordRule[]> => (await checkNewPassword(input)).rules;
const check = (password: string, extra: { repeat?: string; currentPassword?: string } = {}) =>
  rulesOf({ password, repeat: extra.repeat ?? password, username, currentPassword: extra.currentPassword });

describe('checkNewPassword', () => {
  it.each([
    'Tranquil-Otter-Bay',
    'qxv7-Wmr2-Kpt9',
    'Grå-Måsen-Flyger-42',
    'UPPER-lower-1234',
    'Björk&Lönn&Sälg-Uv9',
  ])('accepts %j', async (password) => {
    expect(await check(password)).toEqual([]);
  });

  describe('length', () => {
    it('needs 12 characters and allows 128', async () => {
      expect(await check('Qxv7-Wmr2-Kp')).toEqual([]);
      expect(await check('Qxv7-Wmr2-K')).toEqual(['too_short']);
      expect(await check(`Qx-7${'v'.repeat(124)}`)).toEqual(['easy_to_guess']);
      expect(await check(`Qx-7${'v'.repeat(125)}`)).toEqual(['too_long']);
    });

    it('counts code points in NFC, not UTF-16 units', async () => {
      const elevenLetters = 'Gråsparv-4x'.normalize('NFD');
      expect(elevenLetters.length).toBe(12);
      expect(await check(elevenLetters)).toEqual(['too_short']);
      expect(await check('Qxv7-Wmr2-K😀')).toEqual(['unsupported_character']);
    });

    it('reports the empty password by every rule it fails', async () => {
      expect(await check('')).toEqual(['too_short', 'too_few_kinds', 'easy_to_guess']);
    });
  });

  describe('kinds of character', () => {
    it('needs three of lower case, upper case, digits and specials', async () => {
      expect(await check('qxvtwmrkptbz')).toEqual(['too_few_kinds']);
      expect(await check('qxvtwmrkpt12')).toEqual(['too_few_kinds']);
      expect(await check('QXVT-WMRK-PT')).toEqual(['too_few_kinds']);
      expect(await check('Qxvt-Wmrk-Pt')).toEqual([]);
      expect(await check('Qxvt4Wmrk9Pt')).toEqual([]);
      expect(await check('qxvt-wmrk-12')).toEqual([]);
      expect(await check('QXVT-WMRK-12')).toEqual([]);
    });

    it('lists exactly the 32 ASCII specials of R12 and R12+', () => {
      expect([...PASSWORD_POLICY.specials].sort().join('')).toBe('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
    });

    it.each([...PASSWORD_POLICY.specials])('counts %j as a special', async (special) => {
      expect(await check(`Qxvtwmrkptbz${special}`)).toEqual([]);
      expect(await check(`qxvtwmrkptbz${special}`)).toEqual(['too_few_kinds']);
    });

    it('counts å ä ö and other European letters as lower or upper case', async () => {
      expect(await check('åäöéüøæßłč12')).toEqual(['too_few_kinds']);
      expect(await check('ÅÄÖÉÜØÆŁČ123')).toEqual(['too_few_kinds']);
      expect(await check('ÅÄÖåäöéüøæ12')).toEqual([]);
      expect(await check('Ålänning-Ösby')).toEqual([]);
    });

    it('reads a decomposed å as the letter å', async () => {
      expect(await check('Gråsparv-42x'.normalize('NFD'))).toEqual([]);
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
    ])('refuses %s', async (_, password) => {
      expect(await check(password)).toEqual(['unsupported_character']);
    });

    it('does not count refused characters as a kind', async () => {
      expect(await check('qxvt wmrk 12')).toEqual(['too_few_kinds', 'unsupported_character']);
    });
  });

  describe('username', () => {
    it('refuses the username anywhere, in any case', async () => {
      expect(await check('Anna.Svensson-2026')).toContain('contains_username');
      expect(await check('x9!ANNA.SVENSSON')).toContain('contains_username');
    });

    it.each(['Anna-Svensson-2026', 'AnnaSvensson#2026', '9x!anna_svensson'])(
      'refuses the username with other separators, or none (%j)',
      async (password) => {
        expect(await check(password)).toContain('contains_username');
      },
    );

    it('does not find the username in a password that only shares its letters apart', async () => {
      expect(await check('Anna-Lind-Svensk-Qx9')).not.toContain('contains_username');
    });

    it('compares non-ASCII usernames case-insensitively', async () => {
      expect(
        await rulesOf({ password: 'Qx9-ÅSA.ÖBERG', repeat: 'Qx9-ÅSA.ÖBERG', username: 'åsa.öberg' }),
      ).toContain('contains_username');
    });
  });

  describe('dictionary words', () => {
    it.each([
      'Password12345!',
      'P@ssw0rd2026!',
      '!!Password!!2026',
      '2026!!Password',
      '20261224##Password',
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
      'Monamona2026!',
      'P@ssw0rdP@ssw0rd',
    ])('refuses %j', async (password) => {
      expect(await check(password)).toContain('dictionary_word');
    });

    it.each([
      ['5 for s', '5ommar2026!!'],
      ['3 for e', 'Vint3r2026!!'],
      ['1 for l', 'F1ower2026!!'],
      ['1 for i', 'W1nter2026##'],
      ['! for i', 'W!nter2026##'],
      ['a word with one letter left among its substitutes', '7e57!!2026##'],
    ])('reads %s', async (_, password) => {
      expect(await check(password)).toContain('dictionary_word');
    });

    it.each([
      'SommarVinter2026!',
      'Correct-Horse-Battery',
      'Sommar2026Regn',
      'Pass-word-2026',
      'Tr0ub4dor&3xyz',
    ])('does not call %j one word, which is more than one', async (password) => {
      expect(await check(password)).not.toContain('dictionary_word');
    });

    // Work growing with the square of the length would not end within the test's timeout.
    it('refuses a huge input as too long, and only that', async () => {
      expect(await check(`Aa${'!'.repeat(1_000_000)}b`)).toEqual(['too_long']);
      expect(await check(`1${'a!'.repeat(500_000)}`)).toEqual(['too_long']);
    });
  });

  describe('how easy it is to guess', () => {
    const secra = (password: string) =>
      checkNewPassword({ password, repeat: password, username: 'secra', fullName: 'Sara Ekström Secra' });

    it.each([
      ['a letter repeated', 'Aaaaaaaaaaaa1', 'common'],
      ['a common password typed twice', 'P@ssw0rdP@ssw0rd', 'pattern'],
      ['keys in a row', 'Ghjkl;Ertyu1', 'pattern'],
      ['two Swedish words and a number', 'Björk&Lönn12', 'common'],
      ['a Swedish word, a year and a word', 'Sommar2026Regn', 'common'],
    ])('refuses %s (%j), saying why', async (_, password, hint) => {
      const verdict = await checkNewPassword({ password, repeat: password, username });
      expect(verdict.rules).toContain('easy_to_guess');
      expect(verdict.hint).toBe(hint);
    });

    it.each(['Secra2026Pass!', 'S3cr@2026Pass!', 'Arces2026Pass!'])(
      'refuses the username written over (%j) as personal',
      async (password) => {
        const verdict = await secra(password);
        expect(verdict.rules).toContain('easy_to_guess');
        expect(verdict.hint).toBe('personal');
      },
    );

    it('refuses a password made of the user’s full name, which another user may choose', async () => {
      const password = 'MärtaZetterqvist9';
      const marta = { password, repeat: password, username: 'm.z', fullName: 'Märta Zetterqvist' };
      expect(await checkNewPassword(marta)).toEqual({ rules: ['easy_to_guess'], hint: 'personal' });
      expect(await checkNewPassword({ ...marta, username: 'anna.s', fullName: 'Anna Svensson' })).toEqual({
        rules: [],
        hint: null,
      });
    });
  });

  describe('current password and repetition', () => {
    it('refuses the current password, compared exactly', async () => {
      expect(await check('Qxvt-Wmrk-Pt9', { currentPassword: 'Qxvt-Wmrk-Pt9' })).toEqual(['same_as_current']);
      expect(await check('Qxvt-Wmrk-Pt9', { currentPassword: 'qxvt-wmrk-pt9' })).toEqual([]);
      expect(await check('Grå-Wmrk-Pt9', { currentPassword: 'Grå-Wmrk-Pt9'.normalize('NFD') })).toEqual([
        'same_as_current',
      ]);
    });

    it('needs the password typed twice alike', async () => {
      expect(await check('Qxvt-Wmrk-Pt9', { repeat: 'Qxvt-Wmrk-Pt8' })).toEqual(['repeat_mismatch']);
      expect(await check('Qxvt-Wmrk-Pt9', { repeat: '' })).toEqual(['repeat_mismatch']);
    });
  });

  it('reports every failed rule in the documented order', async () => {
    expect(
      await rulesOf({
        password: 'anna password',
        repeat: 'anna passwort',
        username: 'Anna',
        currentPassword: 'anna password',
      }),
    ).toEqual([
      'too_few_kinds',
      'unsupported_character',
      'contains_username',
      'easy_to_guess',
      'same_as_current',
      'repeat_mismatch',
    ]);
    expect(
      await rulesOf({ password: 'Anna1!', repeat: 'x', username: 'anna', currentPassword: 'Anna1!' }),
    ).toEqual([
      'too_short',
      'contains_username',
      'dictionary_word',
      'easy_to_guess',
      'same_as_current',
      'repeat_mismatch',
    ]);
  });
});

describe('generateInitialPassword', () => {
  const generate = (count: number) => Array.from({ length: count }, generateInitialPassword);

  it('gives 16 characters that pass the policy', async () => {
    for (const password of generate(20)) {
      expect(password).toHaveLength(16);
      expect(await rulesOf({ password, repeat: password, username: 'demo.researcher' })).toEqual([]);
    }
  });

  it('avoids characters that are ambiguous in print or awkward to type', () => {
    for (const password of generate(200)) expect(password).toMatch(/^[a-hjkmnp-zA-HJ-NP-Z2-9!#%&()+=?*/]+$/);
  });

  it('draws again when the characters drawn are of too few kinds', () => {
    // Under 1% of draws are, so 2000 passwords include some with near certainty.
    const kindsOf = (password: string) =>
      [/[a-z]/, /[A-Z]/, /[0-9]/, /[!#%&()+=?*/]/].filter((kind) => kind.test(password)).length;
    for (const password of generate(2000)) expect(kindsOf(password)).toBeGreaterThanOrEqual(3);
  });

  it('uses the whole alphabet and does not repeat itself', () => {
    const passwords = generate(200);
    expect(new Set(passwords.join('')).size).toBe(66);
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
