import { randomInt } from 'node:crypto';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { PASSWORD_SPECIALS } from './password-contract.js';
import { estimateStrength, type GuessHint } from './password-strength.js';

/** Every rule a new password can fail, in the order checkNewPassword reports them. */
export type PasswordRule =
  | 'too_short'
  | 'too_long'
  | 'too_few_kinds'
  | 'unsupported_character'
  | 'contains_username'
  | 'dictionary_word'
  | 'easy_to_guess'
  | 'same_as_current'
  | 'repeat_mismatch';

/** R12 and R12+; the specials are all 32 printable ASCII characters that are neither letter nor digit. */
export const PASSWORD_POLICY = {
  minLength: 12,
  maxLength: 128,
  minKinds: 3,
  specials: PASSWORD_SPECIALS,
} as const;

// Letters are a-z, A-Z, and the letters of Latin-1 Supplement and Latin Extended-A (U+00C0-U+017F:
// å ä ö é ü ø æ ß ł č ...), lower or upper by their Unicode case, so Nordic and other European users
// can write in their language. Anything else is refused - space, Greek, Cyrillic, full-width forms,
// emoji - because the password is typed inside the remote desktop too, whose keyboard may lack it;
// so are § ¤ £ € of the Swedish keyboard, since R12 lists the specials exactly.
const LOWER = /[a-z]|(?=[\u00c0-\u017f])\p{Ll}/u;
const UPPER = /[A-Z]|(?=[\u00c0-\u017f])\p{Lu}/u;
const DIGIT = /[0-9]/;

/** R12's kinds of character, each a test of one character (one code point). */
const KINDS: readonly ((char: string) => boolean)[] = [
  (char) => LOWER.test(char),
  (char) => UPPER.test(char),
  (char) => DIGIT.test(char),
  (char) => PASSWORD_POLICY.specials.includes(char),
];

export interface NewPassword {
  password: string;
  repeat: string;
  username: string;
  /** The user's name, which a password should not be made of either. */
  fullName?: string;
  currentPassword?: string;
}

export interface PasswordVerdict {
  /** Every rule the password fails, in the order of PasswordRule; [] when it is acceptable. */
  rules: PasswordRule[];
  /** Why it is easy to guess, when that is one of the rules and the estimate can say. */
  hint: GuessHint | null;
}

/**
 * Every rule the new password fails, and why it is easy to guess if it is.
 * Passwords are compared and counted (in code points) in Unicode NFC, the form
 * hashPassword stores, so "å" typed precomposed or as a + ring is one letter.
 */
export async function checkNewPassword(input: NewPassword): Promise<PasswordVerdict> {
  const password = input.password.normalize('NFC');
  const rules = checkComposition(password, input.username);
  let hint: GuessHint | null = null;
  if (!rules.includes('too_long')) {
    // Stryker disable next-line StringLiteral: equivalent: a name's words count only in a password holding them
    const personal = [input.username, ...wordsOf(input.username), ...wordsOf(input.fullName ?? '')];
    const strength = await estimateStrength(password, personal);
    if (!strength.strongEnough) {
      rules.push('easy_to_guess');
      hint = strength.hint;
    }
  }
  if (input.currentPassword !== undefined && password === input.currentPassword.normalize('NFC')) {
    rules.push('same_as_current');
  }
  if (password !== input.repeat.normalize('NFC')) rules.push('repeat_mismatch');
  return { rules, hint };
}

/**
 * The parts of a username or name: "anna.svensson" and "Anna Svensson" both give anna and svensson.
 * An empty part, of "anna..svensson", is in no password.
 */
function wordsOf(name: string): string[] {
  return name.split(/[\s._-]/);
}

/** R12's rules about what the password is made of, which need no word lists but mona's own. */
function checkComposition(password: string, username: string): PasswordRule[] {
  const chars = [...password];
  const kindCount = KINDS.filter((isKind) => chars.some(isKind)).length;
  const lower = password.toLowerCase();

  const failed: PasswordRule[] = [];
  if (chars.length < PASSWORD_POLICY.minLength) failed.push('too_short');
  if (chars.length > PASSWORD_POLICY.maxLength) failed.push('too_long');
  if (kindCount < PASSWORD_POLICY.minKinds) failed.push('too_few_kinds');
  if (!chars.every((char) => KINDS.some((isKind) => isKind(char)))) failed.push('unsupported_character');
  if (containsUsername(lower, username.normalize('NFC').toLowerCase())) failed.push('contains_username');
  if (isJustAWord(lower)) failed.push('dictionary_word');
  return failed;
}

/**
 * The username, ignoring case and what stands between its letters and digits, so that
 * "anna.svensson" is found in "Anna-Svensson-2026" and "AnnaSvensson!" too.
 */
function containsUsername(lower: string, username: string): boolean {
  const bare = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '');
  const name = bare(username);
  return name !== '' && bare(lower).includes(name);
}

// Substitutions undone before the lookup; '1' stands for i as often as for l, so both are tried.
const UNDO_SUBSTITUTION: ReadonlyMap<string, string> = new Map([
  ['0', 'o'],
  ['3', 'e'],
  ['4', 'a'],
  ['5', 's'],
  ['7', 't'],
  ['@', 'a'],
  ['$', 's'],
  ['!', 'i'],
]);

// A listed word typed twice ("monamona") is no harder to guess than the word.
const LONGEST_SPAN = 2 * Math.max(...[...COMMON_PASSWORDS].map((word) => word.length));

/**
 * True when the password is one listed word, or one typed over again, with
 * digits and specials around it: "Sommar2026!", "P@ssw0rd123", "4dmin!!2026",
 * "Monamona2026!". The word runs from the first letter to the last, optionally
 * widened over substituted characters at its ends; only spans up to twice the
 * longest listed word are tried, which keeps the work small for any input.
 */
function isJustAWord(lower: string): boolean {
  const letters = /\p{L}(?:.*\p{L})?/su.exec(lower);
  if (letters === null) return false;
  const start = letters.index;
  const end = start + letters[0].length;
  const undone = lower.replace(/[03457@$!]/g, (char) => UNDO_SUBSTITUTION.get(char) ?? char);
  for (const reading of [undone.replaceAll('1', 'i'), undone.replaceAll('1', 'l')]) {
    for (let from = Math.max(0, end - LONGEST_SPAN); from <= start; from++) {
      // Stryker disable next-line MethodExpression: equivalent: slice() ends at the end of the text anyway
      for (let to = end; to <= Math.min(reading.length, from + LONGEST_SPAN); to++) {
        if (isListedWordRepeated(reading.slice(from, to))) return true;
      }
    }
  }
  return false;
}

/** A listed word, once or more times over. */
function isListedWordRepeated(text: string): boolean {
  for (let length = 1; length <= text.length; length++) {
    const word = text.slice(0, length);
    // repeat() rounds a fraction down: a word whose length does not divide the text's never makes it.
    if (COMMON_PASSWORDS.has(word) && text === word.repeat(text.length / length)) return true;
  }
  return false;
}

// For the registered-post letter: unambiguous in print (no 0 O o 1 l I i, no quotes, backtick or bar)
// and typed without dead keys or AltGr on Swedish and US keyboards. 66 characters, 16 of them: ~96 bits.
const INITIAL_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&()+=?*/';
const INITIAL_LENGTH = 16;

/**
 * Uniform over the 16-character strings of INITIAL_ALPHABET that R12's composition rules accept
 * (over 99% do). About 96 random bits are far beyond what the strength estimate asks, so it is not
 * consulted, and creating an account loads no word lists.
 */
export function generateInitialPassword(): string {
  for (;;) {
    const password = Array.from(
      { length: INITIAL_LENGTH },
      () => INITIAL_ALPHABET[randomInt(INITIAL_ALPHABET.length)],
    ).join('');
    // Stryker disable next-line StringLiteral: equivalent: any other username is in practically no random password
    if (checkComposition(password, '').length === 0) return password;
  }
}
