import { fileURLToPath } from 'node:url';

/** The `session-host/` folder shipped with mona: the desktop's menus, scripts and welcome window. */
export function sessionHostAssets(): string {
  return fileURLToPath(new URL('../../session-host/', import.meta.url));
}
