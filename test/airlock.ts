import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AirlockDeps } from '../src/airlock/airlock-deps.js';
import { eicarSignatureFile } from '../src/airlock/inspect/clamav.js';
import { loadConfig } from '../src/config/load.js';

/**
 * The airlock's places in a fresh temporary directory, scanning with a
 * signature file that detects the EICAR test string (no real signatures here).
 */
export function testAirlock(
  overrides: Partial<Omit<AirlockDeps, 'db' | 'now'>> = {},
): Omit<AirlockDeps, 'db' | 'now'> {
  const dir = mkdtempSync(join(tmpdir(), 'mona-airlock-'));
  // As root the vault's folders get real owners, who must be able to pass through.
  chmodSync(dir, 0o755);
  const signatures = join(dir, 'eicar.ndb');
  writeFileSync(signatures, eicarSignatureFile());
  const defaults = loadConfig({ env: {} });
  return {
    settings: { ...defaults.airlock, clamav: { command: 'clamscan', databasePath: signatures } },
    quarantineDir: join(dir, 'quarantine'),
    // Quota images (loop mounts) only in the tests that are about them.
    vault: { root: join(dir, 'vault'), homeQuotaBytes: defaults.vault.homeQuotaBytes, quotaImages: false },
    workQueued: () => {},
    ...overrides,
  };
}
