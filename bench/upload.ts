// Upload throughput for a 1 GiB file over HTTP into the quarantine (streamed, hashed), against a plain
// `cp` of the same file on the same disk, and the server's peak memory; then the time to check (type,
// ClamAV) and deliver it into InBox, reported apart. Run: npm run bench:upload [MiB]
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { uploadJobKinds } from '../src/airlock/upload-jobs.js';
import { SYSTEM_ACTOR } from '../src/audit/audit-service.js';
import { loadConfig } from '../src/config/load.js';
import { connect } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded-postgres.js';
import { migrate } from '../src/db/migrate.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../src/entry/terms-service.js';
import { claimJob, completeJob } from '../src/jobs/job-repository.js';
import { findFreePort } from '../src/net/ports.js';
import { startServer } from '../src/runtime/server.js';
import { createGate } from '../src/runtime/services.js';
import { testAirlock } from '../test/airlock.js';
import { createOtpUser } from '../test/users.js';
import { logInOverHttp } from './http-session.js';

const mebibytes = Number(process.argv[2] ?? 1024);
const bytes = mebibytes * 1024 * 1024;
// On the disk the project lives on, like a data dir: not a tmpfs.
const work = mkdtempSync(join(process.cwd(), '.tmp-bench-upload-'));
// The embedded server runs as the user "postgres" when we are root: it must pass through.
chmodSync(work, 0o711);
const embedded = await startEmbedded(join(work, 'db'), () => {});
const db = connect(embedded.url, 10);
try {
  await migrate(db);
  await publishTermsDirectory(db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  const user = await createOtpUser(db, { username: 'bench' });

  const source = join(work, 'data.csv');
  // CSV text, so that it passes as what it claims to be.
  execFileSync('sh', [
    '-c',
    `yes "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \\n'),1" | head -c ${bytes} > "$0"`,
    source,
  ]);

  const cpStarted = performance.now();
  execFileSync('cp', [source, join(work, 'copy.csv')]);
  execFileSync('sync');
  const cpSeconds = (performance.now() - cpStarted) / 1000;

  const places = testAirlock({ quarantineDir: join(work, 'quarantine') });
  places.vault.root = join(work, 'vault');
  places.settings.uploadMaxBytes = bytes;
  places.vault.homeQuotaBytes = 2 * bytes;
  const port = await findFreePort('127.0.0.1');
  const config = loadConfig({ env: { MONA_HTTP__PORT: String(port) } });
  const server = await startServer(config, db, pino({ level: 'silent' }), {
    gate: await createGate(config, 'start'),
    mail: { mailer: null, caughtMail: null },
    bankid: null,
    airlock: { ...places, db, now: () => new Date() },
  });
  const session = await logInOverHttp(server.url, user.username, user.code(new Date()));

  // The client is curl, in a process of its own, as a browser would be: the figures are the server's.
  const rssBefore = process.memoryUsage().rss;
  const uploadStarted = performance.now();
  // Not execFileSync: the server answering it runs in this very process.
  const { stdout: status } = await promisify(execFile)('curl', [
    '-s',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '-H',
    'expect:',
    '-X',
    'POST',
    '-T',
    source,
    '-H',
    `cookie: ${session.cookie}`,
    '-H',
    `x-csrf-token: ${session['x-csrf-token']}`,
    '-H',
    'content-type: application/octet-stream',
    '-H',
    'x-file-name: data.csv',
    new URL('/api/uploads', server.url).href,
  ]);
  if (status !== '202') throw new Error(`upload refused: ${status}`);
  const uploadSeconds = (performance.now() - uploadStarted) / 1000;

  const checkStarted = performance.now();
  const kinds = uploadJobKinds({ ...places, db, now: () => new Date() });
  for (
    let job = await claimJob(db, Object.keys(kinds), 3600);
    job;
    job = await claimJob(db, Object.keys(kinds), 3600)
  ) {
    await kinds[job.kind]?.run(job);
    await completeJob(db, job);
  }
  const checkSeconds = (performance.now() - checkStarted) / 1000;
  const state = await db.selectFrom('uploads').select(['state', 'reason']).executeTakeFirstOrThrow();

  const mb = statSync(source).size / 1e6;
  const peakRss = process.resourceUsage().maxRSS / 1024;
  console.log(`file: ${mebibytes} MiB of CSV text`);
  console.log(
    `cp on the same disk:           ${(mb / cpSeconds).toFixed(0)} MB/s (${cpSeconds.toFixed(2)} s)`,
  );
  console.log(
    `upload into quarantine (HTTP): ${(mb / uploadSeconds).toFixed(0)} MB/s (${uploadSeconds.toFixed(2)} s), ${((cpSeconds / uploadSeconds) * 100).toFixed(0)}% of cp's speed`,
  );
  console.log(
    `check + scan + deliver:        ${checkSeconds.toFixed(2)} s -> ${state.state}${state.reason ? ` (${state.reason})` : ''}`,
  );
  console.log(
    `memory: RSS ${(rssBefore / 1e6).toFixed(0)} MB before the upload, peak RSS of the process ${(peakRss).toFixed(0)} MB`,
  );
  await server.app.close();
} finally {
  await db.destroy();
  await embedded.stop();
  rmSync(work, { recursive: true, force: true });
}
