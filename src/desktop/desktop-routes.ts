import type { FastifyInstance } from 'fastify';

/**
 * The portal's Remote Desktop entry leads here. Until session hosts are
 * configured (a later capability), the answer says so truthfully.
 */
export async function desktopRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/desktop/status', { config: { auth: 'required' } }, async () => ({ configured: false }));
}
