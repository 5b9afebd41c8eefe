import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { sv } from './sv.js';

/** Every fixed text of a dictionary by its path, with message functions shown for one sample value. */
function textsByPath(value: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === 'string') found.set(path, value);
  else if (typeof value === 'function') found.set(path, String(value(7, 'X', 'Y', 'Z')));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      for (const [subPath, text] of textsByPath(item, `${path}.${key}`)) found.set(subPath, text);
    }
  }
  return found;
}

// Words that are the same in both languages; anything else the Swedish dictionary copies from the
// English one is a translation someone forgot.
const SAME_IN_BOTH = new Set([
  'BankID',
  'Portal',
  'Start',
  'Support',
  'InBox',
  'Microdata Online Access',
  'Svenska',
  'English',
  'Version',
  // Names: the folder is called My Documents in the desktop whatever the language.
  'My Documents',
  'Windows',
  'macOS',
  'Linux',
]);

describe('the dictionaries', () => {
  // The type system guarantees the keys; this catches texts left empty.
  it('have no empty texts', () => {
    for (const dictionary of [en, sv]) {
      const empty = [...textsByPath(dictionary)].filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    }
  });
});

describe('the Swedish dictionary', () => {
  it('translates every text, but for words the two languages share', () => {
    const swedish = textsByPath(sv);
    const copied = [...textsByPath(en)].filter(
      ([path, text]) => !path.endsWith('.english') && swedish.get(path) === text && !SAME_IN_BOTH.has(text),
    );
    expect(copied).toEqual([]);
  });
});
