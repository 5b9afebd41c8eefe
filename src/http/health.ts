import type { FastifyInstance } from 'fastify';
import { type Db, pingDatabase } from '../db/connect.js';
import { isFullyMigrated } from '../db/migrate.js';
import { AppError } from './errors.js';

/** Liveness says the process answers; readiness says it can serve: database reachable and migrated. */
export async function healthRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request) => {
    try {
      await pingDatabase(db);
      if (!(await isFullyMigrated(db))) throw new Error('migrations pending');
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      throw new AppError('NOT_READY');
    }
    return { status: 'ready' };
  });
}
