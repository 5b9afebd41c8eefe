import { existsSync } from 'node:fs';

/**
 * The Debian packages a session host needs, each with a file that shows it is installed. The same list is in
 * scripts/system-deps.sh, which installs them.
 */
export const HOST_PACKAGES: Record<string, string> = {
  // Each desktop's sandbox: its own mounts, processes, IPC and network.
  bubblewrap: '/usr/bin/bwrap',
  'tigervnc-standalone-server': '/usr/bin/Xvnc',
  openbox: '/usr/bin/openbox',
  lxpanel: '/usr/bin/lxpanel',
  pcmanfm: '/usr/bin/pcmanfm',
  xterm: '/usr/bin/xterm',
  mousepad: '/usr/bin/mousepad',
  // Debian 12's Python; the welcome window and the session's commands use it.
  'python3-tk': '/usr/lib/python3.11/lib-dynload/_tkinter.cpython-311-x86_64-linux-gnu.so',
  'x11-xkb-utils': '/usr/bin/setxkbmap',
  'x11-utils': '/usr/bin/xwininfo',
  'fonts-dejavu-core': '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  // The Swedish desktop's locale is generated from it (session-locale.ts).
  locales: '/usr/sbin/locale-gen',
  // RDP files: xrdp with its VNC module, reached through the agent.
  xrdp: '/usr/sbin/xrdp',
};

export function missingHostPackages(): string[] {
  return Object.entries(HOST_PACKAGES)
    .filter(([, file]) => !existsSync(file))
    .map(([name]) => name);
}
