import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultGeoIpFiles, type GeoIp, GeoIpError, loadGeoIp } from './geoip.js';

function csvFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mona-geoip-')), 'ranges.csv');
  writeFileSync(file, text);
  return file;
}

/** Decimal form of an IPv6 address, as in the -num files. */
function ipv6Decimal(groups: readonly number[]): string {
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n).toString();
}

const SMALL_IPV6 = csvFile(
  [
    `${ipv6Decimal([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0])},${ipv6Decimal([0x2001, 0xdb8, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff])},SE`,
    `${ipv6Decimal([0xffff, 0, 0, 0, 0, 0, 0, 0])},${2n ** 128n - 1n},NO`,
    '',
  ].join('\n'),
);

async function loadErrorOf(ipv4Text: string): Promise<string> {
  const error = await loadGeoIp({ ipv4File: csvFile(ipv4Text), ipv6File: SMALL_IPV6 }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GeoIpError);
  return (error as GeoIpError).message;
}

describe('loadGeoIp with the database from the npm package', () => {
  let geoIp: GeoIp;
  beforeAll(async () => {
    geoIp = await loadGeoIp({ ipv4File: null }); // null, like an unset config key, means the package file
  });

  it('resolves the package files and loads all their rows', () => {
    const files = defaultGeoIpFiles();
    expect(existsSync(files.ipv4File) && existsSync(files.ipv6File)).toBe(true);
    expect(geoIp.ranges.ipv4).toBeGreaterThan(100_000);
    expect(geoIp.ranges.ipv6).toBeGreaterThan(100_000);
  });

  it('finds the country of IPv4 addresses', () => {
    expect(geoIp.countryOf('130.237.0.1')).toBe('SE'); // 130.235.0.0-130.244.255.255 SE
    expect(geoIp.countryOf('8.10.8.1')).toBe('US'); // 8.10.8.0-8.14.200.255 US
    expect(geoIp.countryOf('2.57.28.1')).toBe('CA'); // 2.57.28.0-2.57.31.255 CA
  });

  it('finds the country of IPv6 addresses', () => {
    expect(geoIp.countryOf('2001:6b0::1')).toBe('SE'); // 2001:6b0::/32 SE
    expect(geoIp.countryOf('2001:4860:4860::8888')).toBe('US'); // 2001:4860::/32 US
    expect(geoIp.countryOf('2001:410::1')).toBe('CA'); // 2001:410::/32 CA
  });

  it('looks IPv4-mapped IPv6 addresses up as IPv4', () => {
    expect(geoIp.countryOf('::ffff:130.237.0.1')).toBe('SE');
    expect(geoIp.countryOf('::ffff:82ed:1')).toBe('SE');
    expect(geoIp.countryOf('::FFFF:2.57.28.1')).toBe('CA');
  });

  it.each(['10.1.2.3', '127.0.0.1', '::1', 'fd00::1', '', 'localhost', '1.2.3', '130.237.0.1 ', '[::1]'])(
    'gives null for "%s": in no range, or not an IP address',
    (ip) => {
      expect(geoIp.countryOf(ip)).toBeNull();
    },
  );
});

describe('loadGeoIp with given files', () => {
  it('lets a more specific range inside an enclosing one override it, as the data lists them', async () => {
    // 1.0.0.0-1.0.0.255 DE, inside it 1.0.0.10-1.0.0.20 BE, then 1.0.0.15-1.0.0.30 NL overlapping BE.
    const geoIp = await loadGeoIp({
      ipv4File: csvFile('16777216,16777471,DE\n16777226,16777236,BE\n16777231,16777246,NL\n'),
      ipv6File: SMALL_IPV6,
    });
    const addresses = ['1.0.0.9', '1.0.0.10', '1.0.0.14', '1.0.0.15', '1.0.0.30', '1.0.0.31', '1.0.1.0'];
    expect(addresses.map((ip) => geoIp.countryOf(ip) ?? '--').join(' ')).toBe('DE BE BE NL NL DE --');
    expect(geoIp.ranges).toEqual({ ipv4: 3, ipv6: 2 });
  });

  it('finds the first and last addresses of both address spaces', async () => {
    const geoIp = await loadGeoIp({ ipv4File: csvFile('0,4294967295,SE\n'), ipv6File: SMALL_IPV6 });
    expect(geoIp.countryOf('0.0.0.0')).toBe('SE');
    expect(geoIp.countryOf('255.255.255.255')).toBe('SE');
    expect(geoIp.countryOf('2001:db8::')).toBe('SE');
    expect(geoIp.countryOf('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toBe('SE');
    expect(geoIp.countryOf('2001:db9::')).toBeNull();
    expect(geoIp.countryOf('ffff::1')).toBe('NO');
    expect(geoIp.countryOf('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe('NO');
  });

  it('accepts Windows line endings', async () => {
    const geoIp = await loadGeoIp({
      ipv4File: csvFile('0,16777215,SE\r\n16777216,33554431,NO\r\n'),
      ipv6File: SMALL_IPV6,
    });
    expect(geoIp.countryOf('1.0.0.1')).toBe('NO');
  });
});

describe('loadGeoIp refuses bad files, naming the file and line', () => {
  it.each([
    ['a row with two fields', '0,255,SE\n256,511\n', 'line 2: expected "start,end,CC"'],
    ['a code that is not two capital letters', '0,255,SE\n256,511,se\n', 'line 2: expected "start,end,CC"'],
    ['a number that is not decimal', '0,0x10,SE\n', 'line 1: expected "start,end,CC"'],
    ['a blank line', '0,255,SE\n\n256,511,NO\n', 'line 2: expected "start,end,CC"'],
    ['a range that starts after it ends', '0,255,SE\n600,511,NO\n', 'line 2: the range starts after it ends'],
    ['rows out of order', '0,255,SE\n512,767,NO\n256,511,DK\n', 'line 3: not sorted'],
    ['a number beyond IPv4', '0,4294967296,SE\n', 'line 1: 4294967296 is beyond the IPv4 address space'],
  ])('%s', async (_, text, expected) => {
    const message = await loadErrorOf(text);
    expect(message).toContain(expected);
    expect(message).toMatch(/mona-geoip-.*ranges\.csv/);
  });

  it('an empty file', async () => {
    expect(await loadErrorOf('')).toMatch(/GeoIP file .*ranges\.csv has no ranges/);
  });

  it('a missing file', async () => {
    const error = await loadGeoIp({ ipv4File: '/nonexistent/ipv4.csv', ipv6File: SMALL_IPV6 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GeoIpError);
    expect((error as Error).message).toMatch(/cannot read GeoIP file \/nonexistent\/ipv4\.csv: .*ENOENT/);
  });
});
