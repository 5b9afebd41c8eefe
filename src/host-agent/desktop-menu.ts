import type { DesktopSpec } from '../agent-api/desktop-spec.js';

/** The session's terminal, readable at today's screen sizes; $SHELL (bash) runs in it. */
export const TERMINAL = ['xterm', '-fa', 'DejaVu Sans Mono', '-fs', '11'];

const LABELS = {
  en: {
    start: 'Start',
    terminal: 'Terminal',
    files: 'File manager',
    editor: 'Text editor',
    logout: 'Log out',
  },
  sv: {
    start: 'Start',
    terminal: 'Terminal',
    files: 'Filhanterare',
    editor: 'Textredigerare',
    logout: 'Logga ut',
  },
};

export interface MenuEntry {
  label: string;
  icon: string;
  argv: string[];
}

/** The start menu, and nothing else (R19): the basic programs, the user's software, and logging out. */
export function menuEntries(
  spec: Pick<DesktopSpec, 'language' | 'software' | 'myDocuments'>,
  guides: string[],
): MenuEntry[][] {
  const text = LABELS[spec.language];
  return [
    [
      { label: text.terminal, icon: 'utilities-terminal', argv: TERMINAL },
      { label: text.files, icon: 'system-file-manager', argv: ['pcmanfm', '--new-win', spec.myDocuments] },
      { label: text.editor, icon: 'accessories-text-editor', argv: ['mousepad'] },
      { label: 'MONA info', icon: 'help-browser', argv: ['mona-info', ...guides] },
    ],
    spec.software.map((software) => ({
      label: software.name,
      icon: 'application-x-executable',
      // A program with licence seats runs while it holds one (R28).
      argv: software.seats === null ? software.command : ['mona-run', software.id, '--', ...software.command],
    })),
    [{ label: text.logout, icon: 'system-log-out', argv: ['mona-session', 'logout'] }],
  ].filter((group) => group.length > 0);
}

/** lxpanel's configuration: one panel at the bottom with the start menu, the window list and a clock. */
export function panelConfig(groups: MenuEntry[][], language: DesktopSpec['language']): string {
  const items = groups.map((group) =>
    group
      .map((entry) =>
        block('item', [
          `name=${value(entry.label)}`,
          `image=${entry.icon}`,
          `action=${shellWords(entry.argv)}`,
        ]),
      )
      .join('\n'),
  );
  const menu = [`image=start-here`, `name=${LABELS[language].start}`, items.join('\nseparator {\n}\n')];
  return [
    block('Global', ['edge=bottom', 'align=left', 'widthtype=percent', 'width=100', 'height=30']),
    block('Plugin', ['type=menu', block('Config', menu)]),
    block('Plugin', ['type=taskbar', 'expand=1', block('Config', ['tooltips=1', 'ShowAllDesks=0'])]),
    block('Plugin', ['type=dclock', block('Config', ['ClockFmt=%R', 'TooltipFmt=%A %x'])]),
  ].join('\n');
}

function block(name: string, lines: string[]): string {
  return `${name} {\n${lines.join('\n')}\n}`;
}

/** A value of lxpanel's line-based configuration. */
function value(text: string): string {
  if (/[\n\r\0]/.test(text)) throw new Error(`not allowed in a menu entry: ${JSON.stringify(text)}`);
  return text;
}

/** The argv as lxpanel splits an action again (GLib's shell rules), each word single-quoted. */
export function shellWords(argv: string[]): string {
  return value(argv.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' '));
}
