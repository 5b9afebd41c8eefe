import { describe, expect, it } from 'vitest';
import { netnsInodeOf, type SessionIdentity, sessionCommandLine } from './session-process.js';

const user = { uid: 200_001, gid: 200_001, groups: [300_001, 300_002], cwd: '/home/m-anna' };
const mounts = {
  userName: 'anna',
  identity: { passwd: '/run/mona/sessions/s1.control/passwd', group: '/run/mona/sessions/s1.control/group' },
  myDocuments: '/vault/home/anna/My Documents',
  projectsRoot: '/vault/projects',
  sessionDirs: ['/run/mona/sessions/s1'],
  readOnly: [],
};
const cgroupProcs = ['/sys/fs/cgroup/pids/mona/s1/cgroup.procs', '/sys/fs/cgroup/cpu/mona/s1/cgroup.procs'];

/** The words after the shell's own: the cgroups' files, then the chain of programs. */
async function chain(identity: SessionIdentity, lasting: boolean): Promise<string[]> {
  const words = await sessionCommandLine(identity, ['xterm', '-fa', 'DejaVu Sans Mono'], { lasting });
  expect(words.slice(0, 1)).toEqual(['-c']);
  expect(words[3]).toBe(cgroupProcs.join(' '));
  return words.slice(4);
}

describe('sessionCommandLine', () => {
  it("makes the desktop's sandbox with bwrap (its arguments on a descriptor), then becomes the user", async () => {
    const words = await chain({ ...user, sandbox: { mounts }, cgroupProcs }, true);
    expect(words.slice(0, 4)).toEqual(['/usr/bin/bwrap', '--args', '3', '--']);
    // No host path on bwrap's command line, which the session's ps shows.
    expect(words.join(' ')).not.toContain('/vault');
    expect(words.slice(4, 13)).toEqual([
      '/usr/bin/setpriv',
      '--reuid=200001',
      '--regid=200001',
      '--groups=300001,300002',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--no-new-privs',
      '--',
      '/bin/sh',
    ]);
    // The umask and working directory are set as the user, last before the program.
    expect(words.slice(13, 15)).toEqual(['-c', expect.stringMatching(/^umask 0007 && cd "\$1"/)]);
    expect(words.slice(15)).toEqual(['mona-user', '/home/m-anna', 'xterm', '-fa', 'DejaVu Sans Mono']);
  });

  it("joins the sandbox of a process still in the session's network namespace; a lasting program leaves nsenter", async () => {
    const inode = (await netnsInodeOf('self')) as number;
    const sandbox = { pid: process.pid, inode };
    const lasting = await chain({ ...user, groups: [], sandbox, cgroupProcs }, true);
    expect(lasting.slice(0, 8)).toEqual([
      '/usr/bin/nsenter',
      `--target=${process.pid}`,
      '--mount',
      '--ipc',
      '--net',
      '--pid',
      '--root',
      '--',
    ]);
    expect(lasting).toContain('--clear-groups');
    expect(lasting.slice(lasting.indexOf('--no-new-privs') + 2).slice(0, 3)).toEqual([
      '/usr/bin/setsid',
      '--fork',
      '/bin/sh',
    ]);
    // A short command is waited for: nsenter hands back its output and status.
    expect(await chain({ ...user, sandbox, cgroupProcs }, false)).not.toContain('/usr/bin/setsid');
  });

  it('refuses to join a process that has left the session', async () => {
    const sandbox = { pid: process.pid, inode: 1 };
    await expect(
      sessionCommandLine({ ...user, sandbox, cgroupProcs }, ['xterm'], { lasting: true }),
    ).rejects.toThrow(/no longer in the session's network namespace/);
  });
});
