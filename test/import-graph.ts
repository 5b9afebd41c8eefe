import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Every module `entry` (a path from the repository's root) loads, directly or not: the repository's files
 * it reaches, and the packages they name. Type-only imports count too, so that a contract stays free of a
 * package even in its types.
 */
export function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
        continue;
      }
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      if (!existsSync(target)) throw new Error(`${relative(ROOT, file)}: cannot resolve ${specifier}`);
      visit(target);
    }
  };
  visit(resolve(ROOT, entry));
  return { files: [...files].map((file) => relative(ROOT, file)).sort(), packages: [...packages].sort() };
}
