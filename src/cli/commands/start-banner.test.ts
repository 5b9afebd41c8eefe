import { describe, expect, it } from 'vitest';
import { startBanner } from './start-banner.js';

const base = {
  url: 'http://127.0.0.1:8080/',
  dataDir: '/tmp/none-such-mona-dir',
  database: 'embedded PostgreSQL',
  logFile: null,
  demo: null,
  mailCaught: true,
  devIdp: 'http://127.0.0.1:41000',
  testSignaturesOnly: true,
  asRoot: false,
  desktops: null,
  rdp: { gateway: null, note: null },
};

describe('the banner of mona start', () => {
  it('says where to go and what is only for testing', () => {
    const banner = startBanner(base);
    expect(banner.split('\n')[0]).toBe('mona is ready at http://127.0.0.1:8080/');
    expect(banner).toContain(
      'BankID          the development broker at http://127.0.0.1:41000 (a test service',
    );
    expect(banner).toContain('virus scan      ClamAV with a test signature only (EICAR)');
    expect(banner).toContain(
      'not running as root: same folders, but no Unix accounts or groups keep projects apart',
    );
  });

  it('says where the RD gateway is and that its certificates are self-signed', () => {
    const banner = startBanner({
      ...base,
      rdp: { gateway: '127.0.0.1:8443', note: 'the RD gateway certificate is self-signed' },
    });
    expect(banner).toContain('RDP files       through the RD gateway on 127.0.0.1:8443');
    expect(banner).toContain('the RD gateway certificate is self-signed');
    expect(startBanner(base)).toContain('RDP files       off');
  });

  it('prints the demo logins on the first run only', () => {
    const demo = {
      organisation: 'Demo University',
      projectId: 'P0001',
      projectName: 'Demo register study',
      persons: 100,
      files: [],
      logins: [
        {
          username: 'demo.researcher',
          description: 'researcher',
          password: 'Pw-1234567890',
          totpSecret: 'ABCDEF',
        },
      ],
      loginsFile: '/tmp/x/demo-accounts.txt',
    };
    const first = startBanner({ ...base, demo, asRoot: true, testSignaturesOnly: false });
    expect(first).toContain('password Pw-1234567890  TOTP secret ABCDEF');
    expect(first).not.toContain('virus scan');
    expect(startBanner(base)).not.toContain('Pw-1234567890');
  });
});
