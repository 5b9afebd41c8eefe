import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MatchExtended, ZxcvbnFactory } from '@zxcvbn-ts/core';
import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * The lowest zxcvbn score (0-4) a new password must reach: 4, an estimated 10^10 guesses or more.
 * The authenticator's secret sits in the same database as the password hash, so a stolen copy of
 * it leaves the password alone against offline guessing, which is what score 4 is meant to resist
 * (about twelve days per password at 10^4 argon2id guesses a second); score 3 (10^8) lets through
 * the username with a year and a word ("Secra2026Pass!"), two Swedish words and a number
 * ("Björk&Lönn12") and keys in a row ("Ghjkl;Ertyu1"). Passwords of R12's length made of three
 * unrelated words, or of random characters, reach 4.
 */
export const MIN_STRENGTH_SCORE = 4;

/** Why a password is easy to guess, in words the web app has: the first of these that applies. */
export type GuessHint = 'personal' | 'common' | 'pattern';

export interface Strength {
  strongEnough: boolean;
  hint: GuessHint | null;
}

// Passwords over R12's maximum are refused before the estimate, which takes time in their length.
const MAX_LENGTH = 128;
// Bounds the work on passwords with many characters that could stand for letters (4 for a, 0 for o, ...).
const L33T_MAX_SUBSTITUTIONS = 10;

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * How guessable the password is, by zxcvbn with its common and English word lists, mona's own
 * (common-passwords.ts) and the most frequent Swedish words; `personal` are the user's own words
 * (username, full name). The lists are loaded on the first call, once per process.
 */
export async function estimateStrength(password: string, personal: string[]): Promise<Strength> {
  estimator ??= loadEstimator();
  const result = (await estimator).check(password, personal);
  const strongEnough = result.score >= MIN_STRENGTH_SCORE;
  return { strongEnough, hint: strongEnough ? null : hintOf(result.sequence) };
}

async function loadEstimator(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, english] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  return new ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      ...english.dictionary,
      'mona-common': withUnaccented([...COMMON_PASSWORDS]),
      'commonWords-sv': withUnaccented(swedishWords()),
    },
    graphs: common.adjacencyGraphs,
    maxLength: MAX_LENGTH,
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
  });
}

/** The words of swedish-words.txt, most frequent first, without its header. */
export function swedishWords(): string[] {
  return readFileSync(join(import.meta.dirname, 'swedish-words.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Each word, then the same without accents (people type "losenord" too), at its rank. */
function withUnaccented(words: string[]): string[] {
  return [...new Set(words.flatMap((word) => [word, word.normalize('NFD').replace(/\p{M}/gu, '')]))];
}

function hintOf(sequence: MatchExtended[]): GuessHint | null {
  const dictionaries = sequence.filter((match) => match.pattern === 'dictionary');
  if (dictionaries.some((match) => match.dictionaryName === 'userInputs')) return 'personal';
  if (dictionaries.length > 0) return 'common';
  if (sequence.some((match) => ['spatial', 'repeat', 'sequence'].includes(match.pattern))) return 'pattern';
  return null;
}
