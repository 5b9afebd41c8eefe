import { describe, expect, it } from 'vitest';
import { countryName, formatDateTime } from './format.js';

describe('countryName', () => {
  it('names a country in the reader’s language', () => {
    expect(countryName('US', 'en')).toBe('United States');
    expect(countryName('SE', 'sv')).toBe('Sverige');
  });

  it('falls back to the code for something that is not a region code', () => {
    expect(countryName('not a code', 'en')).toBe('not a code');
  });
});

describe('formatDateTime', () => {
  it('formats a valid time and leaves an unreadable one as it is', () => {
    expect(formatDateTime('2026-03-03T14:05:00Z', 'sv')).toMatch(/2026/);
    expect(formatDateTime('yesterday', 'en')).toBe('yesterday');
  });
});
