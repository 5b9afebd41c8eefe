import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import { notices } from './notice-contract.js';
import { listNotices } from './notice-service.js';

/** Current notices, for the start page and the portal: public, as the operator's public page is. */
export async function noticeRoutes(
  fastify: FastifyInstance,
  { db, now }: { db: Db; now: () => Date },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/notices', { schema: { response: { 200: notices } } }, async () => ({
    notices: await listNotices(db, now(), 'current'),
  }));
}
