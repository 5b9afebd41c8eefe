// Time from `mona start` to ready (/readyz answers 200): cold (empty data dir:
// database initialised, migrated, demo data generated) and warm (same data dir again).
// Run after `npm run build`: node bench/startup.mjs [runs]
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 3);
const port = 18_500 + Math.floor(Math.random() * 1000);

async function timeStart(dataDir) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['dist/cli/main.js', 'start', '--data-dir', dataDir, '--port', String(port)],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mona start exited with ${child.exitCode}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error('not ready within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

const cold = [];
const warm = [];
for (let run = 0; run < runs; run += 1) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mona-bench-'));
  chmodSync(dataDir, 0o711);
  try {
    cold.push(await timeStart(dataDir));
    warm.push(await timeStart(dataDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const summary = (label, times, goal) => {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `${label}: median ${(median / 1000).toFixed(2)} s, min ${(sorted[0] / 1000).toFixed(2)} s, max ${(sorted.at(-1) / 1000).toFixed(2)} s over ${times.length} runs (goal < ${goal} s)`,
  );
};
summary('cold start (empty data dir)', cold, 10);
summary('warm start', warm, 3);
