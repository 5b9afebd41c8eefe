import { describe, expect, it } from 'vitest';
import { decimalMarkOf, parseCellNumber } from './cell-number.js';

const value = (text: string, decimal: ',' | '.' = ',') => parseCellNumber(text, decimal)?.value ?? null;

describe('a number in a cell', () => {
  it('is read with a Swedish decimal comma, spaces or points between thousands', () => {
    expect(value('3,5')).toBe(3.5);
    expect(value(' 12 ')).toBe(12);
    expect(value('1 234')).toBe(1234);
    expect(value('1\u00a0234,5')).toBe(1234.5);
    expect(value('1.234.567')).toBe(1234567);
    expect(value('\u221212,5')).toBe(-12.5);
    expect(value(',5')).toBe(0.5);
  });

  it('is read with an English decimal point, commas between thousands', () => {
    expect(value('3.5', '.')).toBe(3.5);
    expect(value('1,234', '.')).toBe(1234);
    expect(value('1,234.5', '.')).toBe(1234.5);
    expect(value('1.5e-3', '.')).toBe(0.0015);
    expect(value('+7', '.')).toBe(7);
  });

  it('says whether it is written as a whole number, as a count is, or as a percentage', () => {
    expect(parseCellNumber('12', ',')).toEqual({ value: 12, whole: true, percent: false });
    expect(parseCellNumber('12,0', ',')).toEqual({ value: 12, whole: false, percent: false });
    expect(parseCellNumber('12 %', ',')).toEqual({ value: 12, whole: false, percent: true });
    expect(parseCellNumber('1e3', '.')).toEqual({ value: 1000, whole: false, percent: false });
  });

  it('is no number in text, dates, codes with letters, missing-value marks or half-grouped digits', () => {
    for (const text of [
      '',
      'NA',
      '.',
      '-',
      'Solna',
      '2024-01-15',
      '15/01',
      'P0001',
      '12 kr',
      '1 23',
      '1,2,3',
      '12.5.3',
      'Infinity',
    ]) {
      expect(parseCellNumber(text, ','), text).toBeNull();
    }
  });
});

describe("a table's decimal mark", () => {
  it('is the comma of Swedish output, the point otherwise, and the point when nothing tells', () => {
    expect(decimalMarkOf(['12', '3,5', '4,25', '1.234'])).toBe(',');
    expect(decimalMarkOf(['12', '3.5', '1,234'])).toBe('.');
    expect(decimalMarkOf(['12', '1,234', 'Solna'])).toBe('.');
  });
});
