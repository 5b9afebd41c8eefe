import { beforeAll, describe, expect, it } from 'vitest';
import { estimateStrength, swedishWords } from './password-strength.js';

// The word lists load once, here rather than in whichever test comes first, so that every test below
// judges the estimator as it is built.
beforeAll(async () => {
  await estimateStrength('warm-up', []);
});

describe('estimateStrength', () => {
  it.each([
    ['three unrelated words', 'Tranquil-Otter-Bay'],
    ['random characters', 'qxv7-Wmr2-Kpt9'],
  ])('finds %s strong enough (%j)', async (_, password) => {
    expect(await estimateStrength(password, [])).toEqual({ strongEnough: true, hint: null });
  });

  it.each([
    ['a word of mona’s own list', 'Microdata2026!'],
    ['two Swedish words', 'Björk&Lönn12'],
    ['the same typed without their accents', 'Bjork&Lonn12'],
  ])('finds %s easy to guess (%j), as common', async (_, password) => {
    expect(await estimateStrength(password, [])).toEqual({ strongEnough: false, hint: 'common' });
  });

  it.each([
    ['a sequence', 'acegikmoqsuw'],
    ['a repeated character', 'aaaaaaaaaaaaaaaa'],
    ['keys in a row', 'Ghjkl;Ertyu1'],
  ])('finds %s easy to guess (%j), as a pattern', async (_, password) => {
    expect(await estimateStrength(password, [])).toEqual({ strongEnough: false, hint: 'pattern' });
  });

  it('says it is the user’s own words, when it is', async () => {
    expect(await estimateStrength('Zetterqvist-Marta', ['m.z', 'märta', 'zetterqvist'])).toEqual({
      strongEnough: false,
      hint: 'personal',
    });
  });

  it('gives no reason where it has none but the length', async () => {
    expect(await estimateStrength('Qx7#kP', [])).toEqual({ strongEnough: false, hint: null });
  });
});

describe('swedishWords', () => {
  it('reads the list’s 15000 words, most frequent first, and not its header', () => {
    const words = swedishWords();
    expect(words).toHaveLength(15_000);
    expect(words.slice(0, 3)).toEqual(['jag', 'det', 'att']);
    expect(words.filter((word) => word === '' || word.startsWith('#'))).toEqual([]);
  });
});
