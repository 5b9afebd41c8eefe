import { describe, expect, it } from 'vitest';
import { isLanguage, readStoredLanguage, resolveLanguage, storeLanguage } from './language.js';

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
