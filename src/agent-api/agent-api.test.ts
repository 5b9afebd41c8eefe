import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importGraph } from '../../test/import-graph.js';

const contract = readdirSync(import.meta.dirname).filter(
  (file) => file.endsWith('.ts') && !file.includes('.test.'),
);

describe('the agent API', () => {
  it.each(contract)('%s depends on neither side of it, nor on any package but zod', (file) => {
    const graph = importGraph(`src/agent-api/${file}`);
    // src/ids.ts, the one UUID pattern, imports nothing.
    const outside = graph.files.filter((path) => !path.startsWith('src/agent-api/') && path !== 'src/ids.ts');
    expect(outside).toEqual([]);
    expect(graph.packages).toEqual(['zod']);
  });
});
