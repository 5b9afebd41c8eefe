import { describe, expect, it } from 'vitest';
import { renderPamService, renderSesmanIni, renderXrdpIni, type XrdpSettings } from './xrdp-config.js';

const settings: XrdpSettings = {
  listenAddress: '10.0.0.5',
  listenPort: 3389,
  certFile: '/etc/mona/rdp/cert.pem',
  keyFile: '/etc/mona/rdp/key.pem',
  routerPort: 5901,
  logDir: '/var/log/mona',
};

/** The `key=value` lines of one section, in order. */
function section(ini: string, name: string): string[] {
  const start = ini.split('\n').indexOf(`[${name}]`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = ini.split('\n').slice(start + 1);
  return rest.slice(
    0,
    rest.findIndex((line) => line === '' || line.startsWith('[')),
  );
}

describe('renderXrdpIni', () => {
  const ini = renderXrdpIni(settings);

  it('listens where told, TLS only, with token login', () => {
    expect(section(ini, 'Globals')).toEqual(
      expect.arrayContaining([
        'port=tcp://10.0.0.5:3389',
        'security_layer=tls',
        'certificate=/etc/mona/rdp/cert.pem',
        'key_file=/etc/mona/rdp/key.pem',
        'enable_token_login=true',
        'autorun=mona',
      ]),
    );
    expect(ini).not.toContain('require_credentials');
  });

  it('writes IPv6 listen addresses in braces', () => {
    expect(renderXrdpIni({ ...settings, listenAddress: '::1' })).toContain('port=tcp6://{::1}:3389');
  });

  it('switches every channel off', () => {
    expect(section(ini, 'Channels')).toEqual([
      'rdpdr=false',
      'rdpsnd=false',
      'drdynvc=false',
      'cliprdr=false',
      'rail=false',
      'xrdpvr=false',
      'tcutils=false',
    ]);
  });

  it('has one session type: libvnc to the router after a PAM-only logon', () => {
    expect(section(ini, 'mona')).toEqual([
      'name=mona',
      'lib=libvnc.so',
      'ip=127.0.0.1',
      'port=5901',
      'username=ask',
      'password=ask',
      'pamusername=same',
      'pampassword=same',
      'pamsessionmng=127.0.0.1',
    ]);
    expect(ini.match(/^\[/gm)).toHaveLength(4);
  });

  it('logs into the log directory', () => {
    expect(section(ini, 'Logging')).toContain('LogFile=/var/log/mona/xrdp.log');
  });
});

describe('renderSesmanIni', () => {
  const ini = renderSesmanIni(settings);

  it('listens on loopback on the port xrdp looks for', () => {
    expect(section(ini, 'Globals')).toEqual(
      expect.arrayContaining(['ListenAddress=127.0.0.1', 'ListenPort=3350']),
    );
  });

  it('can start no session', () => {
    expect(section(ini, 'Sessions')).toContain('MaxSessions=0');
    expect(section(ini, 'Xorg')).toEqual(['param=/bin/false']);
    expect(section(ini, 'Xvnc')).toEqual(['param=/bin/false']);
    expect(section(ini, 'Security')).toContain('AllowRootLogin=false');
  });
});

describe('renderPamService', () => {
  it('asks the agent through the helper, then checks the account', () => {
    expect(renderPamService('/usr/lib/mona/mona-pam-logon', '/run/mona/agent-logon.sock')).toBe(
      [
        '#%PAM-1.0',
        '# Written by mona: RDP logons are one-time secrets checked by the mona host agent.',
        'auth required pam_exec.so expose_authtok quiet /usr/lib/mona/mona-pam-logon /run/mona/agent-logon.sock',
        'auth required pam_permit.so',
        '@include common-account',
        '',
      ].join('\n'),
    );
  });

  it('refuses paths PAM would split', () => {
    expect(() => renderPamService('/opt/my mona/helper')).toThrow(/whitespace/);
  });
});
