import { describe, expect, it } from 'vitest';
import { desktopGroup, desktopPasswd, desktopUserName } from './session-identity.js';

const HOST_PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'operator:x:999:999::/home/operator:/bin/bash',
  'm-anna_berg:x:20000:20000:mona:/srv/vault/home/anna.berg/My Documents:/usr/sbin/nologin',
  'm-olle:x:20002:20002:mona:/srv/vault/home/olle/My Documents:/usr/sbin/nologin',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  '',
].join('\n');

const HOST_GROUP = [
  'root:x:0:',
  'adm:x:4:operator',
  'm-anna_berg:x:20000:',
  'mona-p0001:x:30001:m-anna_berg,m-olle',
  'nogroup:x:65534:',
  '',
].join('\n');

const host = { passwd: HOST_PASSWD, group: HOST_GROUP };
const anna = { name: 'anna.berg', uid: 20000, gid: 20000, home: '/home/anna.berg/My Documents' };

describe("the user's name inside a desktop", () => {
  it('is the login name', () => {
    expect(desktopUserName({ username: 'anna.berg', unixUser: 'm-anna_berg' }, host)).toBe('anna.berg');
  });

  it("is the host's account name when a system account or group of the host has the login name", () => {
    expect(desktopUserName({ username: 'daemon', unixUser: 'm-daemon' }, host)).toBe('m-daemon');
    expect(desktopUserName({ username: 'adm', unixUser: 'm-adm' }, host)).toBe('m-adm');
    expect(desktopUserName({ username: 'nogroup', unixUser: 'm-nogroup' }, host)).toBe('m-nogroup');
  });

  it("is the login name when only another user's account has it", () => {
    expect(desktopUserName({ username: 'm-olle', unixUser: 'mh-m-olle-1a2b3c4d' }, host)).toBe('m-olle');
  });
});

describe("the desktop's /etc/passwd", () => {
  it("lists the host's system accounts and the user, at home in My Documents, and no other user", () => {
    expect(desktopPasswd(HOST_PASSWD, anna).split('\n')).toEqual([
      'root:x:0:0:root:/root:/bin/bash',
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
      'operator:x:999:999::/home/operator:/bin/bash',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
      'anna.berg:x:20000:20000:MONA:/home/anna.berg/My Documents:/bin/bash',
      '',
    ]);
  });

  it('skips lines that are not accounts', () => {
    expect(desktopPasswd('# a comment\nbroken\nroot:x:0:0::/root:/bin/sh\n', anna)).toBe(
      'root:x:0:0::/root:/bin/sh\nanna.berg:x:20000:20000:MONA:/home/anna.berg/My Documents:/bin/bash\n',
    );
  });
});

describe("the desktop's /etc/group", () => {
  it("lists the system's groups, the user's own and their projects' with the user as member", () => {
    const groups = [
      { name: 'mona-p0001', gid: 30001 },
      { name: 'mona-p0002', gid: 30002 },
    ];
    expect(desktopGroup(HOST_GROUP, anna, groups).split('\n')).toEqual([
      'root:x:0:',
      'adm:x:4:operator',
      'nogroup:x:65534:',
      'anna.berg:x:20000:',
      'mona-p0001:x:30001:anna.berg',
      'mona-p0002:x:30002:anna.berg',
      '',
    ]);
  });
});
