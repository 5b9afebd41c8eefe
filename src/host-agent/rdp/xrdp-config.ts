import { join } from 'node:path';

/** Where xrdp listens for RDP clients and where it finds the RFB router. */
export interface XrdpSettings {
  listenAddress: string;
  listenPort: number;
  certFile: string;
  keyFile: string;
  routerPort: number;
  logDir: string;
}

/**
 * xrdp always looks for sesman on the port /etc/xrdp/sesman.ini names (3350 when it names
 * none), whatever sesman.ini it was told about, so our sesman stays on that port.
 */
export const SESMAN_PORT = 3350;
export const SESSION_SECTION = 'mona';
const CHANNELS = ['rdpdr', 'rdpsnd', 'drdynvc', 'cliprdr', 'rail', 'xrdpvr', 'tcutils'];

type Ini = Record<string, Record<string, string | number | boolean | string[]>>;

/** Renders sections in order; an array value repeats its key (sesman's `param=`). */
function renderIni(ini: Ini): string {
  const lines: string[] = [];
  for (const [section, entries] of Object.entries(ini)) {
    lines.push(`[${section}]`);
    for (const [key, value] of Object.entries(entries)) {
      for (const item of Array.isArray(value) ? value : [value]) lines.push(`${key}=${item}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function listenUrl(address: string, port: number): string {
  return address.includes(':') ? `tcp6://{${address}}:${port}` : `tcp://${address}:${port}`;
}

function logging(file: string) {
  return { LogFile: file, LogLevel: 'INFO', EnableSyslog: false };
}

/**
 * xrdp.ini: TLS only, no virtual channels (no clipboard, drives, sound), and one session type,
 * xrdp's VNC module pointed at the RFB router after a PAM-only logon through sesman.
 */
export function renderXrdpIni(settings: XrdpSettings): string {
  return renderIni({
    Globals: {
      ini_version: 1,
      fork: true,
      port: listenUrl(settings.listenAddress, settings.listenPort),
      tcp_nodelay: true,
      tcp_keepalive: true,
      security_layer: 'tls',
      crypt_level: 'high',
      certificate: settings.certFile,
      key_file: settings.keyFile,
      ssl_protocols: 'TLSv1.2, TLSv1.3',
      autorun: SESSION_SECTION,
      // false makes xrdp refuse the MCS channel joins every client sends, which ends the connection;
      // the channels themselves are all switched off under [Channels].
      allow_channels: true,
      max_bpp: 32,
      new_cursors: true,
      use_fastpath: 'both',
      // The logon secret arrives as the RDP password; the login screen only shows when it is missing.
      enable_token_login: true,
    },
    Logging: logging(join(settings.logDir, 'xrdp.log')),
    Channels: Object.fromEntries(CHANNELS.map((channel) => [channel, false])),
    [SESSION_SECTION]: {
      name: SESSION_SECTION,
      lib: 'libvnc.so',
      ip: '127.0.0.1',
      port: settings.routerPort,
      username: 'ask',
      password: 'ask',
      pamusername: 'same',
      pampassword: 'same',
      pamsessionmng: '127.0.0.1',
    },
  });
}

/**
 * sesman.ini: sesman only runs PAM for xrdp's gateway logons. MaxSessions=0 refuses every
 * session request (sesman compares the session count with it before starting anything), and
 * the X servers it would start are /bin/false in case that ever changes.
 */
export function renderSesmanIni(settings: XrdpSettings): string {
  return renderIni({
    Globals: {
      ListenAddress: '127.0.0.1',
      ListenPort: SESMAN_PORT,
      EnableUserWindowManager: false,
      DefaultWindowManager: '/bin/false',
      ReconnectScript: '/bin/true',
    },
    Security: {
      AllowRootLogin: false,
      MaxLoginRetry: 1,
      AlwaysGroupCheck: false,
      RestrictOutboundClipboard: 'all',
      RestrictInboundClipboard: 'all',
    },
    Sessions: { MaxSessions: 0, KillDisconnected: true, DisconnectedTimeLimit: 0, IdleTimeLimit: 0 },
    Logging: logging(join(settings.logDir, 'sesman.log')),
    Xorg: { param: ['/bin/false'] },
    Xvnc: { param: ['/bin/false'] },
    Chansrv: { EnableFuseMount: false },
  });
}

/**
 * /etc/pam.d/xrdp-sesman: the logon secret is checked by the host agent through our helper and
 * nothing else; the account stack still refuses locked or expired accounts.
 */
export function renderPamService(helper: string, agentSocket?: string): string {
  // PAM splits its lines on whitespace and has no quoting.
  if (/\s/.test(helper + (agentSocket ?? '')))
    throw new Error('PAM helper paths must not contain whitespace');
  const command = agentSocket ? `${helper} ${agentSocket}` : helper;
  return [
    '#%PAM-1.0',
    '# Written by mona: RDP logons are one-time secrets checked by the mona host agent.',
    `auth required pam_exec.so expose_authtok quiet ${command}`,
    'auth required pam_permit.so',
    '@include common-account',
    '',
  ].join('\n');
}
