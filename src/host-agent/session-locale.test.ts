import { describe, expect, it } from 'vitest';
import { enableLocales, localeEnvironment, missingSessionLocales } from './session-locale.js';

describe("a desktop's locale", () => {
  it('is Swedish for a Swedish user, so that the programs translate their menus, and C for an English one', () => {
    expect(localeEnvironment('sv')).toEqual({ LANG: 'sv_SE.UTF-8', LANGUAGE: 'sv:en' });
    expect(localeEnvironment('en')).toEqual({ LANG: 'C.UTF-8', LANGUAGE: 'en' });
  });

  it('is missing until the host has generated it, however `locale -a` spells it', () => {
    expect(missingSessionLocales(['C', 'C.utf8', 'POSIX'])).toEqual(['sv_SE.UTF-8']);
    expect(missingSessionLocales(['C', 'C.utf8', 'POSIX', 'sv_SE.utf8'])).toEqual([]);
    expect(missingSessionLocales(['sv_SE', 'sv_SE.iso885915'])).toEqual(['sv_SE.UTF-8', 'C.UTF-8']);
  });
});

describe('enabling a locale in /etc/locale.gen', () => {
  it("uncomments Debian's line for it and leaves the others as they were", () => {
    const list = '# en_US.UTF-8 UTF-8\n# sv_SE ISO-8859-1\n# sv_SE.UTF-8 UTF-8\n';
    expect(enableLocales(list, ['sv_SE.UTF-8'])).toBe(
      '# en_US.UTF-8 UTF-8\n# sv_SE ISO-8859-1\nsv_SE.UTF-8 UTF-8\n',
    );
  });

  it('adds a line where the list has none, also to an empty or unterminated list', () => {
    expect(enableLocales('en_GB.UTF-8 UTF-8\n', ['sv_SE.UTF-8'])).toBe(
      'en_GB.UTF-8 UTF-8\nsv_SE.UTF-8 UTF-8\n',
    );
    expect(enableLocales('en_GB.UTF-8 UTF-8', ['sv_SE.UTF-8'])).toBe(
      'en_GB.UTF-8 UTF-8\nsv_SE.UTF-8 UTF-8\n',
    );
    expect(enableLocales('', ['sv_SE.UTF-8'])).toBe('sv_SE.UTF-8 UTF-8\n');
  });
});
