import { describe, expect, it } from 'vitest';
import { contentUrl } from './review-uploads.js';

describe('contentUrl', () => {
  it('escapes the id', () => {
    expect(contentUrl('a/b')).toBe('/api/review/uploads/a%2Fb/content');
  });
});
