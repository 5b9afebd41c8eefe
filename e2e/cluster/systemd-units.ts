import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/servers.js';

/**
 * The command line that confines a process as its systemd unit in deploy/systemd/ does, as far as that can
 * be done without systemd: root with only the unit's CapabilityBoundingSet, and no_new_privs when it says
 * NoNewPrivileges=yes (setpriv does what systemd does for these). So the cluster test fails when a unit
 * leaves out a capability its process needs. Its other sandboxing options are systemd's own.
 */
export function confinedAsUnit(unit: string): string[] {
  const text = readFileSync(join(root, 'deploy', 'systemd', unit), 'utf8');
  const capabilities = /^CapabilityBoundingSet=(.+)$/m.exec(text)?.[1]?.trim().split(/\s+/);
  if (!capabilities) throw new Error(`${unit} sets no CapabilityBoundingSet`);
  const kept = capabilities.map((name) => `+${name.replace(/^CAP_/, '').toLowerCase()}`);
  const noNewPrivileges = /^NoNewPrivileges=yes$/m.test(text) ? ['--no-new-privs'] : [];
  return ['setpriv', `--bounding-set=-all,${kept.join(',')}`, '--inh-caps=-all', ...noNewPrivileges, '--'];
}
