import { describe, expect, it } from 'vitest';
import { menuEntries, panelConfig, shellWords } from './desktop-menu.js';

const spec = {
  language: 'sv' as const,
  myDocuments: '/vault/home/anna/My Documents',
  software: [
    { id: 'stata', name: 'Stata 18', command: ['/opt/stata/xstata-mp'], seats: 4 },
    { id: 'r', name: 'R', command: ['xterm', '-e', 'R'], seats: null },
  ],
};

describe('the start menu', () => {
  it('has the basic programs, the software (licensed ones through mona-run) and logging out, and nothing else', () => {
    const labels = menuEntries(spec, ['/guides/user-guide.md']).map((group) =>
      group.map((entry) => [entry.label, ...entry.argv]),
    );
    expect(labels).toEqual([
      [
        ['Terminal', 'xterm', '-fa', 'DejaVu Sans Mono', '-fs', '11'],
        ['Filhanterare', 'pcmanfm', '--new-win', '/vault/home/anna/My Documents'],
        ['Textredigerare', 'mousepad'],
        ['MONA info', 'mona-info', '/guides/user-guide.md'],
      ],
      [
        ['Stata 18', 'mona-run', 'stata', '--', '/opt/stata/xstata-mp'],
        ['R', 'xterm', '-e', 'R'],
      ],
      [['Logga ut', 'mona-session', 'logout']],
    ]);
  });

  it('is in English for English users, with no empty group when there is no software', () => {
    const groups = menuEntries({ ...spec, language: 'en', software: [] }, []);
    expect(groups.map((group) => group.map((entry) => entry.label))).toEqual([
      ['Terminal', 'File manager', 'Text editor', 'MONA info'],
      ['Log out'],
    ]);
  });

  it('becomes an lxpanel menu with one item per entry and no system menu or run dialog', () => {
    const config = panelConfig(menuEntries(spec, []), 'sv');
    expect(config).toContain('edge=bottom');
    expect(config.match(/^item \{$/gm)).toHaveLength(7);
    expect(config).toContain("action='mona-session' 'logout'");
    expect(config).not.toMatch(/^system|command=run/m);
  });

  it('quotes each word so that lxpanel splits the action back into the same argv', () => {
    expect(shellWords(['sh', '-c', "echo 'hi' there"])).toBe(`'sh' '-c' 'echo '\\''hi'\\'' there'`);
    expect(() => panelConfig([[{ label: 'Two\nlines', icon: 'x', argv: ['x'] }]], 'en')).toThrow(
      /not allowed/,
    );
  });
});
