import { describe, expect, it } from 'vitest';
import { ipv4Number, ipv6Words, mappedIpv4 } from './geoip-address.js';

describe('ipv4Number', () => {
  it('reads a dotted quad as an unsigned 32-bit number', () => {
    expect(ipv4Number('0.0.0.0')).toBe(0);
    expect(ipv4Number('1.0.0.0')).toBe(16_777_216);
    expect(ipv4Number('255.255.255.255')).toBe(4_294_967_295);
  });
});

describe('ipv6Words', () => {
  it.each([
    ['::', [0, 0, 0, 0]],
    ['::1', [0, 0, 0, 1]],
    ['1::', [0x10000, 0, 0, 0]],
    ['2001:db8::8a2e:370:7334', [0x20010db8, 0, 0x8a2e, 0x03707334]],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', [0x20010db8, 0, 0, 1]],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]],
    ['fe80::1%eth0', [0xfe800000, 0, 0, 1]],
    ['::ffff:130.237.0.1', [0, 0, 0xffff, 0x82ed0001]],
    ['64:ff9b::255.255.255.255', [0x0064ff9b, 0, 0, 0xffffffff]],
  ])('%s', (ip, words) => {
    expect(ipv6Words(ip)).toEqual(words);
  });
});

describe('mappedIpv4', () => {
  it('finds the IPv4 address only in ::ffff:0:0/96', () => {
    expect(mappedIpv4(ipv6Words('::ffff:1.2.3.4'))).toBe(ipv4Number('1.2.3.4'));
    expect(mappedIpv4(ipv6Words('::1.2.3.4'))).toBeNull();
    expect(mappedIpv4(ipv6Words('1::ffff:102:304'))).toBeNull();
  });
});
