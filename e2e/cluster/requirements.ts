import { existsSync } from 'node:fs';
import { debianPostgresBin } from './postgres.js';

/**
 * Why the cluster cannot run on this machine at all, or null: the one thing a test run may lack is root
 * (npm test runs as root in CI).
 */
export function whyClusterCannotRun(): string | null {
  return process.getuid?.() === 0
    ? null
    : 'it needs root, to make network namespaces (ip netns) for the session hosts, run PostgreSQL as the system user postgres, and run desktops as Unix accounts of their own (run npm test as root)';
}

/** The Debian packages the cluster needs beyond a session host's: missing ones fail the test, never skip it. */
export function missingClusterPackages(): string[] {
  return [
    debianPostgresBin() === null && 'postgresql',
    !existsSync('/usr/sbin/ip') && !existsSync('/usr/bin/ip') && 'iproute2',
    !existsSync('/usr/bin/nsenter') && 'util-linux',
  ].filter((name): name is string => typeof name === 'string');
}
