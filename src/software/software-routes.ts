import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import { catalogue } from './software-contract.js';
import { publishedCatalogue } from './software-service.js';

/** The published software catalogue (R19): public, so that projects can see what they may order. */
export async function softwareRoutes(fastify: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/software', { schema: { response: { 200: catalogue } } }, async () => ({
    software: await publishedCatalogue(db),
  }));
}
