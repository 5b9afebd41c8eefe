import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { isLanguage, readStoredLanguage, resolveLanguage, storeLanguage } from './language.js';
import { sv } from './sv.js';

describe('resolveLanguage', () => {
  it('prefers the stored choice over the site default', () => {
    expect(resolveLanguage('en', 'sv')).toBe('en');
    expect(resolveLanguage('sv', 'en')).toBe('sv');
  });

  it('falls back to the site default, then English, when nothing valid is stored', () => {
    expect(resolveLanguage(null, 'sv')).toBe('sv');
    expect(resolveLanguage('de', 'sv')).toBe('sv');
    expect(resolveLanguage(null, undefined)).toBe('en');
  });
});

describe('isLanguage', () => {
  it('accepts only the supported languages', () => {
    expect(isLanguage('sv')).toBe(true);
    expect(isLanguage('SV')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});

describe('language storage', () => {
  const broken = {
    getItem: () => {
      throw new Error('denied');
    },
    setItem: () => {
      throw new Error('denied');
    },
  };

  it('round-trips the choice', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: items.set.bind(items) };
    storeLanguage(storage, 'sv');
    expect(readStoredLanguage(storage)).toBe('sv');
  });

  it('treats unavailable storage as no stored choice', () => {
    expect(readStoredLanguage(broken)).toBeNull();
    expect(() => storeLanguage(broken, 'sv')).not.toThrow();
  });
});

describe('dictionaries', () => {
  // The type system guarantees the keys; this catches texts left empty.
  it('have no empty texts', () => {
    for (const dictionary of [en, sv]) {
      for (const section of Object.values(dictionary)) {
        for (const text of Object.values(section)) {
          // Texts with parameters take strings or numbers; 2 and 3 render as either. Lists are steps.
          const rendered = typeof text === 'function' ? String(Reflect.apply(text, undefined, [2, 3])) : text;
          for (const each of Array.isArray(rendered) ? rendered : [rendered])
            expect(each.trim()).not.toBe('');
        }
      }
    }
  });
});
