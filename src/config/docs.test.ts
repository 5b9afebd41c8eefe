import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from './schema.js';

/** Every leaf key of the schema, dotted. */
function leafKeys(schema: unknown, prefix = ''): string[] {
  let inner = schema as { def?: { innerType?: unknown }; shape?: Record<string, unknown> };
  while (inner.def?.innerType) inner = inner.def.innerType as typeof inner;
  if (!inner.shape) return [prefix];
  return Object.entries(inner.shape).flatMap(([key, child]) =>
    leafKeys(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('docs/configuration.md', () => {
  it('documents every configuration key', () => {
    const docs = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    const undocumented = leafKeys(configSchema).filter((key) => !docs.includes(`| \`${key}\` |`));
    expect(undocumented).toEqual([]);
  });
});
