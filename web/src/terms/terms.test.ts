import { describe, expect, it } from 'vitest';
import { parseCurrentTerms } from './terms.js';

describe('parseCurrentTerms', () => {
  const terms = { version: '2026-1', publishedAt: '2026-01-01T00:00:00Z', en: '# Terms', sv: '# Villkor' };

  it('accepts terms accepted or not yet accepted', () => {
    expect(parseCurrentTerms({ ...terms, acceptedAt: null })).toEqual({ ...terms, acceptedAt: null });
    expect(parseCurrentTerms({ ...terms, acceptedAt: '2026-02-01T00:00:00Z' })?.acceptedAt).toBe(
      '2026-02-01T00:00:00Z',
    );
  });

  it('rejects terms missing a language', () => {
    expect(parseCurrentTerms({ ...terms, sv: undefined, acceptedAt: null })).toBeUndefined();
  });
});
