/**
 * "SQL only in the owning module's repositories", as a check: every table is owned by the module whose
 * `src/<module>/*-tables.ts` declares it; query-building calls and raw `sql` may appear only in
 * `*-repository.ts` files (and in `src/db/`, which runs migrations and statements over no table, such as the
 * ping), and only over the module's own tables.
 */

export interface SourceFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

export type Violation =
  | { file: string; rule: 'sql-outside-repository' }
  | { file: string; rule: 'foreign-table'; table: string; owner: string };

const TABLES_FILE = /^src\/([^/]+)\/[^/]+-tables\.ts$/;
/** A top-level property of a tables interface: two spaces of indentation, then `name: {`. */
const TABLE_DECLARATION = /^ {2}([a-z][a-z0-9_]*): \{/gm;
const QUERY_CALL =
  /\.(?:selectFrom|insertInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*['"`]([a-z][a-z0-9_]*)/g;
const RAW_SQL = /\bsql(?:<[^`]*?>)?`([^`]*)`/g;
const RAW_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z][a-z0-9_]*)/gi;
const TEST_FILE = /\.test\.tsx?$/;

export function moduleOf(path: string): string | null {
  return /^src\/([^/]+)\//.exec(path)?.[1] ?? null;
}

/** Table name → owning module, from the modules' `*-tables.ts` declarations. */
export function tableOwners(files: readonly SourceFile[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of files) {
    const module = TABLES_FILE.exec(file.path)?.[1];
    if (!module) continue;
    for (const match of file.text.matchAll(TABLE_DECLARATION)) owners.set(match[1] as string, module);
  }
  return owners;
}

/** The tables a file's queries name (query-building calls, and FROM/JOIN/INTO/UPDATE in raw `sql`). */
export function tablesQueried(
  text: string,
  known: ReadonlyMap<string, string>,
): { sql: boolean; tables: Set<string> } {
  const tables = new Set<string>();
  let sql = false;
  for (const match of text.matchAll(QUERY_CALL)) {
    sql = true;
    tables.add(match[1] as string);
  }
  for (const match of text.matchAll(RAW_SQL)) {
    sql = true;
    for (const name of (match[1] as string).matchAll(RAW_TABLE)) {
      const table = (name[1] as string).toLowerCase();
      // Raw SQL also says FROM of functions and keywords: only known tables count.
      if (known.has(table)) tables.add(table);
    }
  }
  return { sql, tables };
}

export function findViolations(
  files: readonly SourceFile[],
  owners: ReadonlyMap<string, string>,
): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const module = moduleOf(file.path);
    if (!module || module === 'db' || TEST_FILE.test(file.path)) continue;
    const { sql, tables } = tablesQueried(file.text, owners);
    if (!sql) continue;
    if (!file.path.endsWith('-repository.ts'))
      violations.push({ file: file.path, rule: 'sql-outside-repository' });
    for (const table of [...tables].sort()) {
      const owner = owners.get(table);
      if (owner && owner !== module)
        violations.push({ file: file.path, rule: 'foreign-table', table, owner });
    }
  }
  return violations;
}

/** One line per violation, as the check prints it. */
export function describe(violation: Violation): string {
  return violation.rule === 'foreign-table'
    ? `${violation.file}: queries ${violation.table}, which ${violation.owner} owns`
    : `${violation.file}: SQL outside a repository`;
}
