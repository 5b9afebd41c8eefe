import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ALLOWED_COUNTRIES } from '../src/config/schema.js';
import { type CountryGate, createCountryGate } from '../src/entry/approved-country.js';
import { loadGeoIp } from '../src/entry/geoip.js';

/**
 * A small GeoIP database over the documentation ranges, so tests can come from
 * any country without loading the real one: 192.0.2.0/24 and 2001:db8::/32 are
 * Swedish, 198.51.100.0/24 American, 203.0.113.0/24 Canadian.
 */
export const TEST_ADDRESSES = {
  sweden: '192.0.2.10',
  swedenV6: '2001:db8::10',
  usa: '198.51.100.7',
  canada: '203.0.113.9',
};

export async function testCountryGate(
  options: { allowPrivateNetworks?: boolean } = {},
): Promise<CountryGate> {
  const dir = mkdtempSync(join(tmpdir(), 'mona-geoip-'));
  const ipv4File = join(dir, 'ipv4.csv');
  const ipv6File = join(dir, 'ipv6.csv');
  writeFileSync(ipv4File, '3221225984,3221226239,SE\n3325256704,3325256959,US\n3405803776,3405804031,CA\n');
  writeFileSync(
    ipv6File,
    '42540766411282592856903984951653826560,42540766490510755371168322545197776895,SE\n',
  );
  const geoIp = await loadGeoIp({ ipv4File, ipv6File });
  return createCountryGate(geoIp, {
    allowedCountries: DEFAULT_ALLOWED_COUNTRIES,
    allowPrivateNetworks: options.allowPrivateNetworks ?? true,
  });
}
