// A server for bench/load.ts, in a process of its own so that the load generator never shares its
// event loop: `mona`, the platform as `mona serve` runs it (default pool size, logging at the
// default level to a file), or `ceiling`, a bare Fastify route answering with one indexed query
// through pg on a pool of the same size. `MONA_…` settings in the environment reach both (for example
// MONA_DATABASE__POOL_SIZE). Prints one JSON line, { "url": … }, once it listens, and
// stops on SIGTERM.
// Run: node --import tsx bench/load-server.ts mona|ceiling <database-url> <log-file>
import Fastify from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/config/load.js';
import { connect } from '../src/db/connect.js';
import { findFreePort } from '../src/net/ports.js';
import { createLogger } from '../src/runtime/logger.js';
import { startBenchServer } from './bench-platform.js';

const [kind, databaseUrl, logFile] = process.argv.slice(2);
if ((kind !== 'mona' && kind !== 'ceiling') || !databaseUrl || !logFile)
  throw new Error('usage: load-server.ts mona|ceiling <database-url> <log-file>');

const config = loadConfig({ env: { ...process.env, MONA_LOG__FILE: logFile } });
const poolSize = config.database.poolSize;

async function startMona() {
  const db = connect(databaseUrl as string, poolSize);
  const { logger } = await createLogger(config, '', 'stdout');
  const server = await startBenchServer(db, logger, process.env);
  return {
    url: server.url,
    stop: async () => {
      await server.app.close();
      await db.destroy();
      logger.flush();
    },
  };
}

/** The most this machine gives one query per request: Fastify, pg and an indexed lookup, nothing else. */
async function startCeiling() {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const app = Fastify();
  app.get('/ceiling', async () => {
    const { rows } = await pool.query('SELECT id FROM users WHERE username = $1', ['bench0']);
    return { id: rows[0]?.id };
  });
  const port = await findFreePort('127.0.0.1');
  await app.listen({ host: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      await app.close();
      await pool.end();
    },
  };
}

const server = kind === 'mona' ? await startMona() : await startCeiling();
process.once('SIGTERM', () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
console.log(JSON.stringify({ url: server.url }));
