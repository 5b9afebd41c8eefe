import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import { publishedCatalogue } from './software-service.js';

/** The published software catalogue (R19): public, so that projects can see what they may order. */
export async function softwareRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get('/api/software', async () => ({ software: await publishedCatalogue(db) }));
}
