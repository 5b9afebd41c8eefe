import { beforeAll, describe, expect, it } from 'vitest';
import { type CountryPolicy, evaluateCountry, isPrivateOrLoopback } from './country-policy.js';
import { type GeoIp, loadGeoIp } from './geoip.js';

const EU_ONLY: CountryPolicy = { allowedCountries: ['SE', 'NO', 'DE'], allowPrivateNetworks: false };

describe('evaluateCountry', () => {
  let geoIp: GeoIp;
  beforeAll(async () => {
    geoIp = await loadGeoIp();
  });

  it('allows an approved country', () => {
    expect(evaluateCountry(geoIp, '130.237.0.1', EU_ONLY)).toEqual({
      allowed: true,
      country: 'SE',
      reason: 'approved_country',
    });
    expect(evaluateCountry(geoIp, '2001:6b0::1', EU_ONLY)).toMatchObject({ allowed: true, country: 'SE' });
    expect(evaluateCountry(geoIp, '::ffff:130.237.0.1', EU_ONLY)).toMatchObject({
      allowed: true,
      country: 'SE',
    });
  });

  it('refuses the USA and Canada when they are not listed', () => {
    for (const [ip, country] of [
      ['8.10.8.1', 'US'],
      ['2001:4860:4860::8888', 'US'],
      ['2.57.28.1', 'CA'],
      ['2001:410::1', 'CA'],
      ['::ffff:2.57.28.1', 'CA'],
    ] as const) {
      expect(evaluateCountry(geoIp, ip, EU_ONLY), ip).toEqual({
        allowed: false,
        country,
        reason: 'country_not_approved',
      });
    }
  });

  it('refuses an address of no known country: the rule is an allow-list', () => {
    // 192.0.2.0/24 is reserved for documentation and in no range.
    expect(evaluateCountry(geoIp, '192.0.2.1', EU_ONLY)).toEqual({
      allowed: false,
      country: null,
      reason: 'country_unknown',
    });
  });

  it('allows private and loopback addresses only when the policy says so', () => {
    for (const ip of ['127.0.0.1', '10.0.0.5', '192.168.1.10', '::1', '::ffff:127.0.0.1', 'fe80::1%eth0']) {
      expect(evaluateCountry(geoIp, ip, EU_ONLY), ip).toEqual({
        allowed: false,
        country: null,
        reason: 'private_network_refused',
      });
      expect(evaluateCountry(geoIp, ip, { ...EU_ONLY, allowPrivateNetworks: true }), ip).toEqual({
        allowed: true,
        country: null,
        reason: 'private_network',
      });
    }
  });

  it('refuses what is not an IP address', () => {
    for (const ip of ['', 'unknown', '130.237.0.1:443', '[::1]']) {
      expect(evaluateCountry(geoIp, ip, { ...EU_ONLY, allowPrivateNetworks: true }), ip).toEqual({
        allowed: false,
        country: null,
        reason: 'not_an_ip',
      });
    }
  });

  it('refuses everything under an empty allow-list', () => {
    expect(
      evaluateCountry(geoIp, '130.237.0.1', { allowedCountries: [], allowPrivateNetworks: false }),
    ).toMatchObject({
      allowed: false,
      reason: 'country_not_approved',
    });
  });
});

describe('isPrivateOrLoopback', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.0',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.1.1',
    '100.64.0.1',
    '100.127.255.255',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'febf::1',
    'fe80::1%eth0',
    'fd12:3456::1%eth0',
    '::1%lo',
    '::ffff:10.1.2.3',
    '::ffff:7f00:1',
    '::ffff:192.168.0.1',
  ])('%s is private or loopback', (ip) => {
    expect(isPrivateOrLoopback(ip)).toBe(true);
  });

  it.each([
    '130.237.0.1',
    '172.15.255.255',
    '172.32.0.0',
    '192.169.0.1',
    '100.63.255.255',
    '100.128.0.0',
    '11.0.0.1',
    '2001:6b0::1',
    '2001:6b0::1%eth0',
    'fec0::1',
    '::ffff:130.237.0.1',
    '::2',
    'localhost',
    '',
  ])('%s is not', (ip) => {
    expect(isPrivateOrLoopback(ip)).toBe(false);
  });
});
