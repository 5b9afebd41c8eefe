import { describe, expect, it } from 'vitest';
import { loadOrder, TableDumpError } from './table-dump.js';

describe('the order tables load in', () => {
  it('puts every table after the tables it refers to', () => {
    const order = loadOrder(
      ['uploads', 'users', 'projects', 'organisations', 'project_members'],
      [
        { child: 'uploads', parent: 'users' },
        { child: 'uploads', parent: 'projects' },
        { child: 'projects', parent: 'organisations' },
        { child: 'project_members', parent: 'projects' },
        { child: 'project_members', parent: 'users' },
      ],
    );
    expect(order).toEqual(['organisations', 'users', 'projects', 'project_members', 'uploads']);
  });

  it('refuses tables that refer to each other in a circle, naming them', () => {
    expect(() =>
      loadOrder(
        ['a', 'b', 'c'],
        [
          { child: 'a', parent: 'b' },
          { child: 'b', parent: 'a' },
        ],
      ),
    ).toThrow(new TableDumpError('tables refer to each other in a circle: a, b'));
  });
});
