import { describe, expect, it } from 'vitest';
import { endedForFrom, loggedOutPath } from './logged-out.js';

const endedForAt = (path: string) => endedForFrom(new URL(path, 'https://mona.example').search);

describe('the logged-out address', () => {
  it('carries the idle period when the session ended for inactivity', () => {
    expect(endedForAt(loggedOutPath({ idleSeconds: 300 }))).toEqual({ idleSeconds: 300 });
  });

  it('says so when the session ended for being used from outside the approved countries', () => {
    expect(endedForAt(loggedOutPath('country'))).toBe('country');
  });

  it('carries nothing after an ordinary logout', () => {
    expect(loggedOutPath()).toBe('/logged-out');
    expect(endedForFrom('')).toBeUndefined();
  });

  it('ignores a value that is not a plausible number of seconds, or an unknown reason', () => {
    for (const search of ['?idle=0', '?idle=-5', '?idle=abc', '?idle=1e3', '?idle=99999999', '?ended=moon']) {
      expect(endedForFrom(search)).toBeUndefined();
    }
  });
});
