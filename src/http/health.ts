import type { FastifyInstance } from 'fastify';
import { type Db, pingDatabase } from '../db/connect.js';
import { isFullyMigrated } from '../db/migrate.js';
import { AppError } from './errors.js';
import { alive, ready } from './health-contract.js';
import type { ZodTypeProvider } from './zod-provider.js';

/** Liveness says the process answers; readiness says it can serve: database reachable and migrated. */
export async function healthRoutes(fastify: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/healthz', { schema: { response: { 200: alive } } }, async () => ({ status: 'ok' }) as const);

  app.get('/readyz', { schema: { response: { 200: ready } } }, async (request) => {
    try {
      await pingDatabase(db);
      if (!(await isFullyMigrated(db))) throw new Error('migrations pending');
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      throw new AppError('NOT_READY');
    }
    return { status: 'ready' } as const;
  });
}
