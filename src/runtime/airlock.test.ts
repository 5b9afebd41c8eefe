import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { quarantineDir } from './airlock.js';

describe('quarantineDir', () => {
  it('is in the data dir unless configured', () => {
    expect(quarantineDir(loadConfig({ env: {} }), '/var/lib/mona')).toBe('/var/lib/mona/quarantine');
  });

  it('is where airlock.quarantineDir says, shared by serve nodes and workers with data dirs of their own', () => {
    const config = loadConfig({ env: { MONA_AIRLOCK__QUARANTINE_DIR: '/srv/mona-quarantine' } });
    expect(quarantineDir(config, '/var/lib/mona')).toBe('/srv/mona-quarantine');
  });
});
