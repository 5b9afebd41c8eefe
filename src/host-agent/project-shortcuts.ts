import { lchown, readdir, readlink, symlink, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DesktopProject, DesktopSpec } from '../agent-api/desktop-spec.js';
import { isErrorCode } from '../storage/safe-path.js';
import { sandboxProjectFolder } from './session-sandbox.js';

const MAX_NAME = 60;

/** `<ID>_<Name>`, the name made a safe, readable file name: "P0001_Labour_market_2020". */
export function shortcutName(project: Pick<DesktopProject, 'id' | 'name'>): string {
  const name = project.name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}.()-]+/gu, '_')
    .slice(0, MAX_NAME)
    .replace(/^[_.]+|[_.]+$/g, '');
  return name ? `${project.id}_${name}` : project.id;
}

// A shortcut this code made: a link named after a project id, pointing at that project's folder as the desktop
// sees it (on the host it leads nowhere).
const SHORTCUT = /^(P[0-9]{4,6})(_|$)/;

/**
 * Re-makes the `<ID>_Name` shortcuts in My Documents for the current projects (R21), and removes those of
 * projects left or renamed. Links, files and folders of the user's own are left alone, even with such a name.
 */
export async function updateProjectShortcuts(
  spec: Pick<DesktopSpec, 'myDocuments' | 'projects' | 'uid' | 'gid'>,
): Promise<void> {
  const wanted = new Map(
    spec.projects.map((project) => [shortcutName(project), sandboxProjectFolder(project.id)]),
  );
  for (const entry of await readdir(spec.myDocuments, { withFileTypes: true })) {
    const id = SHORTCUT.exec(entry.name)?.[1];
    if (!id || !entry.isSymbolicLink()) continue;
    const path = join(spec.myDocuments, entry.name);
    const target = await readlink(path);
    if (basename(target) !== id) continue;
    if (wanted.get(entry.name) === target) wanted.delete(entry.name);
    else await unlink(path);
  }
  for (const [name, folder] of wanted) {
    const path = join(spec.myDocuments, name);
    try {
      await symlink(folder, path);
    } catch (error) {
      if (isErrorCode(error, 'EEXIST')) continue;
      throw error;
    }
    await lchown(path, spec.uid, spec.gid);
  }
}
