import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopStartup } from './desktop-launch.js';

const run = promisify(execFile);

describe("the desktop's start-up, as openbox runs it", () => {
  let dir: string;
  let log: string;
  let started: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mona-startup-'));
    log = join(dir, 'ran');
    started = join(dir, 'programs started');
    // Each program of the desktop writes down how it was called, one argument per bracket.
    const record = `#!/bin/sh\nprintf '%s' "$(basename "$0")" >> "$RAN"; for a; do printf ' [%s]' "$a" >> "$RAN"; done; echo >> "$RAN"\n`;
    for (const program of ['setxkbmap', 'lxpanel', 'pcmanfm', 'xterm']) {
      await writeFile(join(dir, program), record);
      await chmod(join(dir, program), 0o755);
    }
    await writeFile(
      join(dir, 'welcome.py'),
      "import os, sys\nwith open(os.environ['RAN'], 'a') as ran: ran.write(' '.join(['welcome.py'] + [f'[{a}]' for a in sys.argv[1:]]) + '\\n')\n",
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.runIf(existsSync('/usr/bin/python3'))(
    'sets the keyboard layout, then starts every program with its arguments as given, then marks them started',
    async () => {
      const argv = desktopStartup(
        { keyboard: 'se', myDocuments: "/home/m-o'brien/My Documents" },
        { welcome: join(dir, 'welcome $HOME.json'), programsStarted: started },
        dir,
      );
      await run(argv[0] as string, argv.slice(1), { env: { PATH: `${dir}:/usr/bin:/bin`, RAN: log } });
      expect(existsSync(started)).toBe(true);
      // The programs run in the background: wait for the last of them to have written.
      for (let tries = 0; (await readFile(log, 'utf8')).split('\n').length < 6 && tries < 100; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const [first, ...programs] = (await readFile(log, 'utf8')).trim().split('\n');
      expect(first).toBe('setxkbmap [-layout] [se]');
      expect(programs.sort()).toEqual([
        'lxpanel [--profile] [mona]',
        "pcmanfm [/home/m-o'brien/My Documents]",
        `welcome.py [${join(dir, 'welcome $HOME.json')}]`,
        'xterm [-fa] [DejaVu Sans Mono] [-fs] [11]',
      ]);
    },
  );
});
