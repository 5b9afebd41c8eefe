import { describe, expect, it } from 'vitest';
import { normaliseCode } from './code.js';

describe('normaliseCode', () => {
  it('accepts six digits, with the space apps show in the middle', () => {
    expect(normaliseCode('123456')).toBe('123456');
    expect(normaliseCode(' 123 456 ')).toBe('123456');
  });

  it('refuses anything else', () => {
    for (const input of ['', '12345', '1234567', '12a456', '１２３４５６']) {
      expect(normaliseCode(input)).toBeUndefined();
    }
  });
});
