import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * The data of every table, in PostgreSQL's COPY text format (what pg_dump stores tables in), gzipped, one
 * file per table. The schema is not dumped: it is the migrations', and a restore makes it by migrating to
 * the level the dump was taken at, so the dump loads into any PostgreSQL mona runs on, embedded or
 * external, whatever its major version and whoever its roles are.
 */
export interface DatabaseDump {
  /** The server's version, for the operator: the dump loads into any version mona runs on. */
  server: string;
  /** In an order that loads: each table after the tables it refers to. */
  tables: TableDump[];
  /** Each sequence's last value drawn, or null when none was drawn yet. */
  sequences: { name: string; lastValue: string | null }[];
}

export interface TableDump {
  name: string;
  /** As COPY lists them; generated columns, which are computed again, are left out. */
  columns: string[];
  rows: number;
  file: string;
}

export class TableDumpError extends Error {
  override name = 'TableDumpError';
}

/** Not data: a restore records its own migrations as it makes the schema. */
const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Dumps every table through `client`, which the caller has put in a REPEATABLE READ transaction so that all
 * tables come from one snapshot. `open` gives the stream each file is written to.
 */
export async function dumpTables(
  client: pg.ClientBase,
  open: (file: string) => Writable,
): Promise<DatabaseDump> {
  const tables: TableDump[] = [];
  for (const { name, columns } of await tablesInLoadOrder(client)) {
    const file = `${name}.copy.gz`;
    const copy = client.query(copyTo(`COPY ${qualified(name)} (${columnList(columns)}) TO STDOUT`));
    await pipeline(copy, createGzip(), open(file));
    tables.push({ name, columns, rows: copy.rowCount, file });
  }
  const { rows } = await client.query<{ name: string; last_value: string | null }>(
    `SELECT sequencename AS name, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
  );
  const version = await client.query<{ server_version: string }>('SHOW server_version');
  return {
    server: `PostgreSQL ${version.rows[0]?.server_version}`,
    tables,
    sequences: rows.map((row) => ({ name: row.name, lastValue: row.last_value })),
  };
}

/**
 * Loads a dump into the empty tables of a schema migrated to the dump's level, through `client`, in the
 * caller's transaction; each table's row count must come out as dumped.
 */
export async function loadTables(
  client: pg.ClientBase,
  dump: DatabaseDump,
  read: (file: string) => Readable,
): Promise<void> {
  for (const table of dump.tables) {
    const copy = client.query(
      copyFrom(`COPY ${qualified(table.name)} (${columnList(table.columns)}) FROM STDIN`),
    );
    await pipeline(read(table.file), createGunzip(), copy);
    if (copy.rowCount !== table.rows) {
      throw new TableDumpError(
        `table ${table.name} loaded ${copy.rowCount} rows of the ${table.rows} dumped`,
      );
    }
  }
  for (const sequence of dump.sequences) {
    if (sequence.lastValue === null) continue;
    await client.query('SELECT setval($1::regclass, $2::bigint, true)', [
      qualified(sequence.name),
      sequence.lastValue,
    ]);
  }
}

/** The tables of the public schema with their columns, parents before children (foreign keys). */
async function tablesInLoadOrder(client: pg.ClientBase): Promise<{ name: string; columns: string[] }[]> {
  const { rows: columns } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> $1
      ORDER BY c.relname, a.attnum`,
    [MIGRATIONS_TABLE],
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
       FROM pg_constraint k
       JOIN pg_class child ON child.oid = k.conrelid
       JOIN pg_class parent ON parent.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND k.conrelid <> k.confrelid`,
  );
  const columnsOf = new Map<string, string[]>();
  for (const row of columns) columnsOf.set(row.table, [...(columnsOf.get(row.table) ?? []), row.column]);
  return loadOrder([...columnsOf.keys()], references).map((name) => ({
    name,
    columns: columnsOf.get(name) as string[],
  }));
}

/**
 * Tables ordered so that each comes after those it refers to (a table referring to itself loads in one COPY,
 * whose checks run at its end). A circle of references has no such order.
 */
export function loadOrder(tables: string[], references: { child: string; parent: string }[]): string[] {
  const waitingFor = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of references) waitingFor.get(child)?.add(parent);
  const ordered: string[] = [];
  while (waitingFor.size > 0) {
    const ready = [...waitingFor].filter(([, parents]) => parents.size === 0).map(([table]) => table);
    if (ready.length === 0) {
      throw new TableDumpError(
        `tables refer to each other in a circle: ${[...waitingFor.keys()].join(', ')}`,
      );
    }
    for (const table of ready.sort()) {
      ordered.push(table);
      waitingFor.delete(table);
      for (const parents of waitingFor.values()) parents.delete(table);
    }
  }
  return ordered;
}

function qualified(name: string): string {
  return `public.${pg.escapeIdentifier(name)}`;
}

function columnList(columns: string[]): string {
  return columns.map((column) => pg.escapeIdentifier(column)).join(', ');
}
