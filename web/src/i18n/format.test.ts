import { describe, expect, it } from 'vitest';
import { countryName, formatBytes, formatClock, formatDateTime, formatNumber } from './format.js';

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

describe('formatClock', () => {
  // Local times, as the browser shows them, whatever time zone the tests run in.
  const now = new Date(2026, 2, 3, 14, 5);

  it('gives the time alone on the same day', () => {
    expect(formatClock(new Date(2026, 2, 3, 9, 7).toISOString(), 'en', now)).toBe('09:07');
    expect(formatClock(new Date(2026, 2, 3, 23, 59).toISOString(), 'sv', now)).toBe('23:59');
  });

  it('adds the date on another day, as when a session is ended the next morning', () => {
    const tomorrow = new Date(2026, 2, 4, 6, 5).toISOString();
    expect(formatClock(tomorrow, 'en', now)).toBe('4 Mar, 06:05');
    expect(formatClock(tomorrow, 'sv', now)).toBe('4 mars 06:05');
  });

  it('leaves an unreadable time as it is', () => {
    expect(formatClock('tomorrow', 'en', now)).toBe('tomorrow');
  });
});

describe('formatBytes', () => {
  it('counts whole bytes below a kilobyte', () => {
    expect(formatBytes(0, 'en')).toBe('0 bytes');
    expect(formatBytes(1, 'en')).toBe('1 byte');
    expect(formatBytes(512, 'en')).toBe('512 bytes');
    expect(formatBytes(512, 'sv')).toBe('512 byte');
  });

  it('uses binary multiples with one decimal, none from 100 up', () => {
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1536, 'sv')).toBe('1,5 kB');
    expect(formatBytes(12.3 * 1024 * 1024, 'en')).toBe('12.3 MB');
    expect(formatBytes(250 * 1024 * 1024, 'en')).toBe('250 MB');
    expect(formatBytes(1024 ** 3, 'sv')).toBe('1 GB');
  });

  it('does not show a rounded value of 1024 of a unit', () => {
    expect(formatBytes(1024 * 1024 - 1, 'en')).toBe('1 MB');
  });
});

describe('formatNumber', () => {
  it('groups thousands the reader’s way', () => {
    expect(formatNumber(2000, 'en')).toBe('2,000');
    expect(formatNumber(2000, 'sv').replace(/\s/g, ' ')).toBe('2 000');
  });
});
