// The import rules of docs/architecture.md, checked by `npm run lint:imports` (part of `npm test`).

/**
 * Files that may see Fastify: routes, plugins, the routes' helpers that read a request or write a reply
 * (`*-http.ts`), the gateways that upgrade HTTP, and the HTTP assembly.
 */
const HTTP_LAYER = [
  '-routes\\.ts$',
  '-plugin\\.ts$',
  '-http\\.ts$',
  '-gateway\\.ts$',
  '^src/http/',
  '^src/runtime/',
];
const TESTS = ['\\.test\\.tsx?$', '^test/'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes two modules one: split out what both need (e.g. a contract module).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'agent-has-no-database',
      severity: 'error',
      comment: 'mona host-agent runs on session hosts, which have no database.',
      from: { path: '^src/host-agent/', pathNot: TESTS },
      to: { path: ['^src/db/', 'node_modules/(kysely|pg)/'], reachable: true },
    },
    {
      name: 'no-fastify-below-routes',
      severity: 'error',
      comment:
        'Routes parse, authorise, call a service and shape the answer; services take and return plain values.',
      from: { path: '^src/', pathNot: [...HTTP_LAYER, ...TESTS] },
      to: { path: 'node_modules/(fastify|@fastify/[^/]+)/' },
    },
    {
      name: 'web-sees-only-contracts',
      severity: 'error',
      comment: 'The browser bundle may share only contracts and the error catalogue with the server.',
      // Its tests may fake the API with the server's own types and bodies.
      from: { path: '^web/', pathNot: [...TESTS, '^web/test/'] },
      to: { path: '^src/', pathNot: ['^src/http/error-codes\\.ts$', '-contract\\.ts$'] },
    },
    {
      name: 'contracts-are-leaves',
      severity: 'error',
      comment:
        'A contract is shared with the browser: it may import zod and other contracts, nothing of the server.',
      from: { path: '-contract\\.ts$' },
      to: { path: '^src/', pathNot: ['-contract\\.ts$', '^src/ids\\.ts$', '^src/http/error-codes\\.ts$'] },
    },
    {
      name: 'no-test-helpers-in-product',
      severity: 'error',
      comment: 'Test helpers stay out of what ships.',
      from: { path: '^(src|web)/', pathNot: TESTS },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a service that takes a FastifyRequest depends on Fastify.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
