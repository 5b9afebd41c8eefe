import { describe, expect, it } from 'vitest';
import { usableAddress } from './client-address.js';

describe('usableAddress', () => {
  it('passes IPv4 and IPv6 addresses, the IPv4-mapped form included', () => {
    for (const address of ['192.0.2.10', '2001:db8::10', '::ffff:192.0.2.10', '::1']) {
      expect(usableAddress(address)).toBe(address);
    }
  });

  it('refuses what a proxy may forward that is no address', () => {
    for (const address of [
      'not-an-ip',
      'unknown',
      '',
      '192.0.2.10:443',
      '[2001:db8::10]',
      '192.0.2.10, 198.51.100.7',
      'fe80::1%eth0',
      undefined,
    ]) {
      expect(usableAddress(address), String(address)).toBeNull();
    }
  });
});
