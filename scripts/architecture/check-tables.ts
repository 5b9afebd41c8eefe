// Checks that SQL stays in the owning module's repositories (see table-ownership.ts). Run: npm run lint:tables.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, findViolations, type SourceFile, tableOwners } from './table-ownership.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): SourceFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') };
    });
}

const files = sources(join(root, 'src'));
const found = findViolations(files, tableOwners(files)).map(describe).sort();
if (found.length > 0) {
  console.error(
    `move this SQL into the owning module's repository (docs/architecture.md):\n${found.join('\n')}`,
  );
  process.exit(1);
}
console.log('SQL ownership: no violations');
