// GeoIP load time and lookup rate, on a fixed mix of random IPv4, IPv6 and IPv4-mapped addresses.
// Run after `npm run build`: node bench/geoip.mjs
import { loadGeoIp } from '../dist/entry/geoip.js';

const LOOKUP_SECONDS = 2;

const loadStarted = performance.now();
const geoIp = await loadGeoIp();
const loadMs = performance.now() - loadStarted;
console.log(
  `load: ${loadMs.toFixed(0)} ms for ${geoIp.ranges.ipv4} IPv4 and ${geoIp.ranges.ipv6} IPv6 ranges (goal < 2000 ms)`,
);

// A fixed seed, so every run looks up the same addresses.
let seed = 42;
function random(limit) {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return Math.floor((seed / 2 ** 31) * limit); // the high bits: the low ones of this generator repeat quickly
}
const ipv4 = () => [0, 0, 0, 0].map(() => random(256)).join('.');
// Under the prefixes the regional registries allocate from, where most ranges are.
const ipv6Prefixes = [0x2001, 0x2400, 0x2600, 0x2800, 0x2a00, 0x2c00];
const ipv6 = () =>
  [
    ipv6Prefixes[random(ipv6Prefixes.length)] + random(16),
    ...Array.from({ length: 7 }, () => random(0x10000)),
  ]
    .map((group) => group.toString(16))
    .join(':');
const samples = {
  IPv4: Array.from({ length: 10_000 }, ipv4),
  IPv6: Array.from({ length: 10_000 }, ipv6),
  'IPv4-mapped IPv6': Array.from({ length: 10_000 }, () => `::ffff:${ipv4()}`),
};

for (const [family, addresses] of Object.entries(samples)) {
  const known = addresses.filter((ip) => geoIp.countryOf(ip) !== null).length;
  let lookups = 0;
  const started = performance.now();
  // Bounded: whole passes over the sample until the time is up.
  while (performance.now() - started < (LOOKUP_SECONDS * 1000) / 3) {
    for (const ip of addresses) geoIp.countryOf(ip);
    lookups += addresses.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${family}: ${Math.round(lookups / seconds).toLocaleString('en')} lookups/s, ` +
      `${((seconds / lookups) * 1e6).toFixed(2)} µs each, ${((known / addresses.length) * 100).toFixed(0)}% in a known country`,
  );
}
