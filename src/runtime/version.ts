import { readFileSync } from 'node:fs';

/** The package's version, from package.json two levels above both src/runtime and dist/runtime. */
export const VERSION: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;
