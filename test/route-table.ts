import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  path: string;
}

/**
 * Every route the app has registered, read from Fastify's own listing (`printRoutes`): one line per path
 * segment, indented four characters per level, with the methods it answers in parentheses.
 */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  return parseRouteTree(app.printRoutes({ commonPrefix: false }));
}

export function parseRouteTree(tree: string): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    const path = (prefixes[depth - 1] ?? '') + (match[2] as string);
    prefixes[depth] = path;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean))
      if (method !== 'HEAD') routes.push({ method, path });
  }
  return routes;
}
