import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import { listNotices } from './notice-service.js';

/** Current notices, for the start page and the portal: public, as the operator's public page is. */
export async function noticeRoutes(
  app: FastifyInstance,
  { db, now }: { db: Db; now: () => Date },
): Promise<void> {
  app.get('/api/notices', async () => ({ notices: await listNotices(db, now(), 'current') }));
}
