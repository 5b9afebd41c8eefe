import { describe, expect, it } from 'vitest';
import { parseRouteTree } from './route-table.js';

describe('parseRouteTree', () => {
  it('joins nested segments into whole paths, one entry per method, leaving out HEAD', () => {
    const tree = [
      '├── /api/session (GET, HEAD)',
      '│   ├── /extend (POST)',
      '│   └── /logout (POST)',
      '├── /api/review/uploads (GET, HEAD)',
      '│   └── /:id/',
      '│       ├── content (GET, HEAD)',
      '│       └── decision (POST)',
      '└── /healthz (GET, HEAD)',
    ].join('\n');
    expect(parseRouteTree(tree)).toEqual([
      { method: 'GET', path: '/api/session' },
      { method: 'POST', path: '/api/session/extend' },
      { method: 'POST', path: '/api/session/logout' },
      { method: 'GET', path: '/api/review/uploads' },
      { method: 'GET', path: '/api/review/uploads/:id/content' },
      { method: 'POST', path: '/api/review/uploads/:id/decision' },
      { method: 'GET', path: '/healthz' },
    ]);
  });
});
