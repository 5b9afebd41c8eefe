import type { Config } from '../config/schema.js';
import { type CountryGate, createCountryGate } from '../entry/approved-country.js';
import { loadGeoIp } from '../entry/geoip.js';

/**
 * The approved-country gate. Private and loopback addresses pass by default
 * only for `mona start` (a laptop or demo), never for `mona serve`.
 */
export async function createGate(config: Config, mode: 'start' | 'serve'): Promise<CountryGate> {
  const geoIp = await loadGeoIp({
    ipv4File: config.access.geoip.ipv4File ?? undefined,
    ipv6File: config.access.geoip.ipv6File ?? undefined,
  });
  return createCountryGate(geoIp, {
    allowedCountries: config.access.allowedCountries,
    allowPrivateNetworks: config.access.allowPrivateNetworks ?? mode === 'start',
  });
}

/** Runs `task` every `seconds`, one run at a time, logging failures; returns a stopper. */
export function every(
  seconds: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
