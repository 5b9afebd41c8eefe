import { describe, expect, it } from 'vitest';
import { importGraph } from '../../test/import-graph.js';

// Session hosts run the agent without a database: it learns everything from the platform's API.
describe("the host agent's imports", () => {
  it.each(['src/cli/commands/host-agent.ts', 'src/host-agent/host-agent.ts'])(
    'from %s reach no database and none of the platform side',
    (entry) => {
      const graph = importGraph(entry);
      expect(graph.packages.filter((name) => name === 'kysely' || name === 'pg')).toEqual([]);
      expect(graph.files.filter((file) => /^src\/(db|desktop|rd-gateway)\//.test(file))).toEqual([]);
    },
  );
});
