import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const rules = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;
const planted = fileURLToPath(new URL('./fixtures/planted', import.meta.url));
const tsConfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

describe('the import rules (.dependency-cruiser.cjs)', () => {
  it('catch each planted violation by name', async () => {
    const result = await cruise(['src', 'web'], {
      baseDir: planted,
      validate: true,
      ...rules.options,
      ruleSet: { forbidden: rules.forbidden ?? [] },
      // The rules' own tsconfig path is relative to the repository root, not to the fixture.
      tsConfig: { fileName: tsConfig },
    });
    if (typeof result.output === 'string') throw new Error('expected the cruise result as an object');
    const broken = result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from}`);
    expect(new Set(broken)).toEqual(
      new Set([
        'no-fastify-below-routes: src/identity/login-service.ts',
        'no-circular: src/projects/project-names.ts',
        'agent-has-no-database: src/host-agent/agent.ts',
        'contracts-are-leaves: src/airlock/upload-contract.ts',
        'web-sees-only-contracts: web/src/my-files.ts',
      ]),
    );
  });
});
