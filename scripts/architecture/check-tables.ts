// Checks that SQL stays in the owning module's repositories (see table-ownership.ts).
// Run: npm run lint:tables. With --update, rewrites the list of known violations (it may only shrink).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compareWithKnown,
  describe,
  findViolations,
  type SourceFile,
  tableOwners,
} from './table-ownership.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const knownFile = join(root, 'scripts/architecture/known-sql-violations.txt');

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
const known = readFileSync(knownFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

const { added, stale } = compareWithKnown(found, known);
if (process.argv.includes('--update')) {
  if (added.length > 0) {
    console.error(
      `not updated: these are new, move the SQL into the owning module's repository instead:\n${added.join('\n')}`,
    );
    process.exit(1);
  }
  const header =
    known.length > 0
      ? readFileSync(knownFile, 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('#'))
      : [];
  writeFileSync(knownFile, `${[...header, ...found].join('\n')}\n`);
  console.log(`${found.length} known violations left`);
  process.exit(0);
}
for (const line of added) console.error(`new: ${line}`);
for (const line of stale)
  console.error(`fixed, take it off ${relative(root, knownFile)} (npm run lint:tables -- --update): ${line}`);
if (added.length > 0 || stale.length > 0) process.exit(1);
console.log(`SQL ownership: no new violations (${found.length} known, to be moved into repositories)`);
