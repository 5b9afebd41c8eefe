import { describe, expect, it } from 'vitest';
import { describe as describeViolation, findViolations, tableOwners } from './table-ownership.js';

const tables = [
  {
    path: 'src/projects/project-tables.ts',
    text: 'export interface ProjectTables {\n  projects: {\n    id: string;\n  };\n  project_members: {\n    user_id: string;\n  };\n}\n',
  },
  {
    path: 'src/identity/identity-tables.ts',
    text: 'export interface IdentityTables {\n  users: {\n    id: string;\n  };\n}\n',
  },
];

const violationsOf = (path: string, text: string) =>
  findViolations([...tables, { path, text }], tableOwners(tables)).map(describeViolation);

describe('SQL ownership', () => {
  it('knows each table by the module whose *-tables.ts declares it', () => {
    expect(tableOwners(tables)).toEqual(
      new Map([
        ['projects', 'projects'],
        ['project_members', 'projects'],
        ['users', 'identity'],
      ]),
    );
  });

  it("lets a module's repository query its own tables", () => {
    const text = "db.selectFrom('project_members').innerJoin('projects', 'projects.id', 'project_id')";
    expect(violationsOf('src/projects/membership-repository.ts', text)).toEqual([]);
  });

  it('catches a planted query outside a repository, and one over another module’s tables', () => {
    expect(
      violationsOf('src/airlock/upload-routes.ts', "await db\n  .selectFrom('project_members')"),
    ).toEqual([
      'src/airlock/upload-routes.ts: SQL outside a repository',
      'src/airlock/upload-routes.ts: queries project_members, which projects owns',
    ]);
    expect(
      violationsOf('src/identity/user-repository.ts', "trx.updateTable('users'); trx.deleteFrom('projects')"),
    ).toEqual(['src/identity/user-repository.ts: queries projects, which projects owns']);
  });

  it('reads tables out of raw sql, and leaves tests and the migrations alone', () => {
    const raw = 'await sql`SELECT 1 FROM users JOIN generate_series(1, 3) s ON true`.execute(db)';
    expect(violationsOf('src/projects/project-repository.ts', raw)).toEqual([
      'src/projects/project-repository.ts: queries users, which identity owns',
    ]);
    expect(violationsOf('src/projects/project.medium.test.ts', "db.selectFrom('users')")).toEqual([]);
    expect(violationsOf('src/db/migrate.ts', raw)).toEqual([]);
  });
});
