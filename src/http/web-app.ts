import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/** Where the built single-page app lies: beside the compiled server, or in dist/ when running from source. */
export function findWebRoot(): string | null {
  const candidates = ['../web/', '../../dist/web/'].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

const NOT_FOR_THE_APP = /^\/(api|healthz|readyz)(\/|$|\?)/;

/**
 * Serves the web app's files; any other GET for a page answers with the app's
 * index.html, whose router shows the page (or "not found"). Unknown API paths
 * answer with the catalogue's NOT_FOUND.
 */
export async function webAppRoutes(app: FastifyInstance, { webRoot }: { webRoot: string | null }) {
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Vite names assets by content hash, so they can be kept forever; the page itself never.
      setHeaders: (res, path) =>
        res.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') && !NOT_FOR_THE_APP.test(request.url);
    if (!wantsPage) throw new AppError('NOT_FOUND');
    if (!webRoot) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The web app is not built. Run "npm run build" and start mona again.');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
