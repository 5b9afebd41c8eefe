import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { AppError } from '../http/errors.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import { type Site, site as siteAnswer } from './site-contract.js';

const LOGO_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/** What every visitor may know about the installation: who runs it and how to reach support. */
export async function siteRoutes(
  fastify: FastifyInstance,
  options: { config: Config; version: string; bankid: boolean },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { operator, web } = options.config;
  const logoType = operator.logoFile ? LOGO_TYPES[extname(operator.logoFile).toLowerCase()] : undefined;
  if (operator.logoFile && !logoType) {
    throw new Error(
      `operator.logoFile must be one of ${Object.keys(LOGO_TYPES).join(', ')}: ${operator.logoFile}`,
    );
  }

  const site: Site = {
    operator: {
      name: operator.name,
      shortName: operator.shortName,
      logoUrl: logoType ? '/api/site/logo' : null,
      supportEmail: operator.supportEmail,
      supportPhone: operator.supportPhone,
      websiteUrl: operator.websiteUrl,
    },
    defaultLanguage: web.defaultLanguage,
    loginMethods: options.bankid ? ['bankid', 'otp'] : ['otp'],
    version: options.version,
  };
  app.get('/api/site', { schema: { response: { 200: siteAnswer } } }, async () => site);

  app.get('/api/site/logo', async (_request, reply) => {
    if (!operator.logoFile || !logoType) throw new AppError('NOT_FOUND');
    const image = await readFile(operator.logoFile);
    return reply.type(logoType).header('cache-control', 'public, max-age=3600').send(image);
  });
}
