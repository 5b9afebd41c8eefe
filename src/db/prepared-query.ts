import type {
  Compilable,
  CompiledQuery,
  Kysely,
  PostgresCursor,
  PostgresPool,
  PostgresPoolClient,
  PostgresQueryResult,
  QueryResult,
} from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.js';

// The database as connect.ts makes it (its Db), named here without importing connect.ts, which imports this.
type Db = Kysely<Database>;

/** The SQL of each prepared query, and the name its statement has on every connection. */
const statementNames = new Map<string, string>();

/** Stands in for an argument while its query is compiled. */
class Argument {
  constructor(readonly index: number) {}
}

/**
 * A query asked on (nearly) every request, made once rather than each time: Kysely builds and
 * compiles it on first use, and PostgreSQL parses and plans it once per connection, as a named
 * prepared statement, instead of on every call.
 *
 * `build` is given stand-ins for the arguments, to be used only as values (compared, set, inserted),
 * never looked into. The query must name its columns (no `selectAll`, no `returningAll`): a prepared
 * statement whose result gains a column, as after a migration, fails until its connection closes.
 */
export function preparedQuery<Args extends unknown[], Row>(
  name: string,
  build: (db: Db, ...args: Args) => Compilable<Row>,
): (db: Db, ...args: Args) => Promise<QueryResult<Row>> {
  let compiled: CompiledQuery<Row> | null = null;
  return async (db, ...args) => {
    compiled ??= compileOnce(name, db, build, args.length);
    const parameters = compiled.parameters.map((value) =>
      value instanceof Argument ? args[value.index] : value,
    );
    return db.executeQuery({ ...compiled, parameters });
  };
}

function compileOnce<Args extends unknown[], Row>(
  name: string,
  db: Db,
  build: (db: Db, ...args: Args) => Compilable<Row>,
  arity: number,
): CompiledQuery<Row> {
  const standIns = Array.from({ length: arity }, (_, index) => new Argument(index));
  const compiled = build(db, ...(standIns as Args)).compile();
  for (const standIn of standIns) {
    if (!compiled.parameters.includes(standIn))
      throw new Error(`prepared query ${name}: argument ${standIn.index} is not used as a value`);
  }
  const statement = `mona_${name}`;
  if ([...statementNames].some(([sql, other]) => other === statement && sql !== compiled.sql))
    throw new Error(`prepared query ${name}: the name is taken by another query`);
  statementNames.set(compiled.sql, statement);
  return compiled;
}

/** A pooled pg client as Kysely sees it, which runs the prepared queries' SQL as named statements. */
class PreparingClient implements PostgresPoolClient {
  constructor(private readonly client: pg.PoolClient) {}

  query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: readonly unknown[],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string')
      return this.client.query(sqlOrCursor as PostgresCursor<R> & pg.Submittable);
    const name = statementNames.get(sqlOrCursor);
    const values = parameters as unknown[];
    // pg's own result type differs from Kysely's only in the command's type (a string there).
    return this.client.query(
      name ? { name, text: sqlOrCursor, values } : { text: sqlOrCursor, values },
    ) as unknown as Promise<PostgresQueryResult<R>>;
  }

  release(destroy?: boolean): void {
    this.client.release(destroy);
  }
}

/** Kysely's view of a pg pool, through which the prepared queries run as named statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  // Kysely keeps a connection object per client it is given: give it the same one for the same client.
  const adapters = new WeakMap<pg.PoolClient, PreparingClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      let adapter = adapters.get(client);
      if (!adapter) {
        adapter = new PreparingClient(client);
        adapters.set(client, adapter);
      }
      return adapter;
    },
    end: () => pool.end(),
  };
}
