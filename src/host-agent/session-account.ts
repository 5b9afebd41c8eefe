import type { DesktopSpec } from '../agent-api/desktop-spec.js';
import { ensureUnixGroup, ensureUnixUser, removeFromGroup } from '../storage/unix-accounts.js';

/**
 * The user's account on this session host, as on every host: the platform's uid, a personal primary group of
 * the same number, and exactly the groups of the user's current projects.
 */
export async function ensureSessionAccount(
  spec: Pick<DesktopSpec, 'unixUser' | 'uid' | 'gid' | 'groups' | 'myDocuments'>,
): Promise<void> {
  if (spec.gid !== spec.uid) {
    throw new Error(
      `${spec.unixUser}: the primary group of a mona account has the uid's number, not ${spec.gid}`,
    );
  }
  for (const group of spec.groups) await ensureUnixGroup(group.name, group.gid);
  const wanted = spec.groups.map((group) => group.name);
  const current = await ensureUnixUser(spec.unixUser, spec.uid, spec.myDocuments, wanted);
  for (const group of current) {
    // The groups of projects left; other groups on this host are none of mona's business.
    if (group.startsWith('mona-') && !wanted.includes(group)) await removeFromGroup(spec.unixUser, group);
  }
}
