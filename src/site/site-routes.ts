import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { AppError } from '../http/errors.js';

const LOGO_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

export interface SiteInfo {
  operator: {
    name: string;
    shortName: string;
    logoUrl: string | null;
    supportEmail: string;
    supportPhone: string | null;
    websiteUrl: string | null;
  };
  defaultLanguage: 'en' | 'sv';
  /** The login methods offered, in the order the login page shows them. */
  loginMethods: ('otp' | 'bankid')[];
  version: string;
}

/** What every visitor may know about the installation: who runs it and how to reach support. */
export async function siteRoutes(
  app: FastifyInstance,
  options: { config: Config; version: string; bankid: boolean },
) {
  const { operator, web } = options.config;
  const logoType = operator.logoFile ? LOGO_TYPES[extname(operator.logoFile).toLowerCase()] : undefined;
  if (operator.logoFile && !logoType) {
    throw new Error(
      `operator.logoFile must be one of ${Object.keys(LOGO_TYPES).join(', ')}: ${operator.logoFile}`,
    );
  }

  const site: SiteInfo = {
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
  app.get('/api/site', async () => site);

  app.get('/api/site/logo', async (_request, reply) => {
    if (!operator.logoFile || !logoType) throw new AppError('NOT_FOUND');
    const image = await readFile(operator.logoFile);
    return reply.type(logoType).header('cache-control', 'public, max-age=3600').send(image);
  });
}
