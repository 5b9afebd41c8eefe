import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureAppRole, grantAppPrivileges } from '../src/db/app-role.js';
import { connect } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded-postgres.js';
import { migrate } from '../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server URL, as its superuser, whose database `mona_template` holds the migrated schema. */
    postgresUrl: string;
    /** The same server as the platform's role, granted what mona grants it: tests act as the platform does. */
    postgresAppUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'mona_template';
/** Not the embedded default's name, so that a shared TEST_DATABASE_URL server keeps a real installation's role. */
const TEST_APP_ROLE = 'mona_test_app';

/**
 * One real PostgreSQL for the "medium" tier: TEST_DATABASE_URL when given,
 * otherwise an embedded server in a temporary directory. Migrations run once,
 * into a template every test file clones.
 */
export default async function setup(project: TestProject) {
  const dataDir = process.env.TEST_DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'mona-test-pg-'));
  const embedded = dataDir ? await startEmbedded(dataDir, () => {}) : null;
  const serverUrl = process.env.TEST_DATABASE_URL ?? (embedded?.url as string);

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const db = connect(templateUrl.toString(), 1);
  await migrate(db);
  const password = randomBytes(24).toString('base64url');
  await ensureAppRole(db, TEST_APP_ROLE, password);
  await grantAppPrivileges(db, TEST_APP_ROLE);
  await db.destroy();

  const appUrl = new URL(serverUrl);
  appUrl.username = TEST_APP_ROLE;
  appUrl.password = password;
  project.provide('postgresUrl', serverUrl);
  project.provide('postgresAppUrl', appUrl.toString());
  return async () => {
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
