import { describe, expect, it } from 'vitest';
import { idleSecondsFrom, loggedOutPath } from './logged-out.js';

describe('the logged-out address', () => {
  it('carries the idle period when the session ended for inactivity', () => {
    const path = loggedOutPath(300);
    expect(idleSecondsFrom(new URL(path, 'https://mona.example').search)).toBe(300);
  });

  it('carries nothing after an ordinary logout', () => {
    expect(loggedOutPath()).toBe('/logged-out');
    expect(idleSecondsFrom('')).toBeUndefined();
  });

  it('ignores a value that is not a plausible number of seconds', () => {
    for (const search of ['?idle=0', '?idle=-5', '?idle=abc', '?idle=1e3', '?idle=99999999']) {
      expect(idleSecondsFrom(search)).toBeUndefined();
    }
  });
});
