import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eicarSignatureFile } from '../airlock/inspect/clamav.js';
import type { Config } from '../config/schema.js';

// Where Debian's freshclam keeps ClamAV's signatures.
const SYSTEM_DATABASE = '/var/lib/clamav';

function systemHasSignatures(): boolean {
  try {
    return readdirSync(SYSTEM_DATABASE).some((file) => /\.(cvd|cld)$/.test(file));
  } catch {
    return false;
  }
}

/**
 * The signatures uploads are scanned with. Configured, or ClamAV's own; but
 * `mona start` on a machine without any (no freshclam, no network) scans with
 * a test signature that finds only the EICAR test string, and says so, rather
 * than rejecting every upload as unscannable.
 */
export function clamavForMode(
  config: Config,
  dataDir: string,
  mode: 'start' | 'serve',
): { config: Config; testSignaturesOnly: boolean } {
  if (config.airlock.clamav.databasePath || mode === 'serve' || systemHasSignatures()) {
    return { config, testSignaturesOnly: false };
  }
  const dir = join(dataDir, 'clamav');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'eicar-test.ndb');
  writeFileSync(file, eicarSignatureFile());
  return {
    config: {
      ...config,
      airlock: { ...config.airlock, clamav: { ...config.airlock.clamav, databasePath: file } },
    },
    testSignaturesOnly: true,
  };
}
