import { BlockList, isIP } from 'node:net';
import type { GeoIp } from './geoip.js';

export type CountryVerdict =
  | { allowed: true; country: string | null; reason: 'approved_country' | 'private_network' }
  | {
      allowed: false;
      country: string | null;
      reason: 'country_not_approved' | 'country_unknown' | 'private_network_refused' | 'not_an_ip';
    };

export interface CountryPolicy {
  /** ISO 3166-1 alpha-2 codes, upper case. */
  allowedCountries: readonly string[];
  /** Private and loopback addresses have no country: allowed only on a laptop or behind a trusted proxy. */
  allowPrivateNetworks: boolean;
}

/** Whether a connection from `ip` may use the service (R3, R7). An allow-list: an unknown country is refused. */
export function evaluateCountry(geoIp: GeoIp, ip: string, policy: CountryPolicy): CountryVerdict {
  if (isIP(ip) === 0) return { allowed: false, country: null, reason: 'not_an_ip' };
  if (isPrivateOrLoopback(ip)) {
    return policy.allowPrivateNetworks
      ? { allowed: true, country: null, reason: 'private_network' }
      : { allowed: false, country: null, reason: 'private_network_refused' };
  }
  const country = geoIp.countryOf(ip);
  if (country === null) return { allowed: false, country, reason: 'country_unknown' };
  return policy.allowedCountries.includes(country)
    ? { allowed: true, country, reason: 'approved_country' }
    : { allowed: false, country, reason: 'country_not_approved' };
}

// BlockList also matches the IPv4-mapped IPv6 form (::ffff:10.0.0.1) of an IPv4 subnet.
const privateOrLoopback = new BlockList();
for (const [network, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
  ['100.64.0.0', 10],
] as const) {
  privateOrLoopback.addSubnet(network, prefix, 'ipv4');
}
privateOrLoopback.addAddress('::1', 'ipv6');
privateOrLoopback.addSubnet('fc00::', 7, 'ipv6');
privateOrLoopback.addSubnet('fe80::', 10, 'ipv6');

/**
 * Loopback, private (RFC 1918, unique local), link-local or carrier-grade NAT; false for a non-IP.
 * Both isIP and BlockList read past a zone such as fe80::1%eth0.
 */
export function isPrivateOrLoopback(ip: string): boolean {
  switch (isIP(ip)) {
    case 4:
      return privateOrLoopback.check(ip, 'ipv4');
    case 6:
      return privateOrLoopback.check(ip, 'ipv6');
    default:
      return false;
  }
}
