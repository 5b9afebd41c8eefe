import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../src/net/ports.js';
import { localRuntimeDir } from '../src/runtime/local-host.js';

export interface RunningMona {
  dataDir: string;
  /** Where the server answers. */
  base: string;
  /** The local session host's runtime folder (see src/runtime/local-host.ts). */
  runtimeRoot: string;
  server: ChildProcess;
  /** Runs `mona <args> --data-dir <dataDir>`; its stdout. */
  mona(...args: string[]): string;
  /** The last warnings and errors of the server's and the host agent's logs, for a failure's report. */
  logTails(lines: number): string;
  /** Stops the server (desktops outlive it) and removes the data dir, keeping its logs in `keepLogs` if given. */
  stop(keepLogs?: string): Promise<void>;
}

/**
 * `mona start` of the build in dist/, as root, on a data dir of its own with a small demo register, and the
 * local session host it runs. Its own process group, so that a Ctrl+C reaches the benchmark alone, which
 * then ends its desktops through it before stopping it.
 */
export async function startMona(name: string, env: Record<string, string> = {}): Promise<RunningMona> {
  if (process.getuid?.() !== 0) throw new Error(`bench:${name} runs desktops, which needs root`);
  const dataDir = mkdtempSync(join(tmpdir(), `mona-bench-${name}-`));
  const port = await findFreePort('127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    ['dist/cli/main.js', 'start', '--data-dir', dataDir, '--port', String(port)],
    { stdio: 'ignore', detached: true, env: { ...process.env, MONA_DEMO__PERSONS: '1000', ...env } },
  );
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const stop = async (keepLogs?: string) => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await exited;
    }
    if (keepLogs) cpSync(join(dataDir, 'logs'), keepLogs, { recursive: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let tries = 0; ; tries += 1) {
      if (server.exitCode !== null) throw new Error(`mona start ended (status ${server.exitCode})`);
      if (
        await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (tries > 240) throw new Error('mona start did not come up');
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    dataDir,
    base,
    runtimeRoot: localRuntimeDir(dataDir),
    server,
    mona: (...args) =>
      execFileSync(process.execPath, ['dist/cli/main.js', ...args, '--data-dir', dataDir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    logTails: (lines) =>
      ['mona.log', 'host-agent.log']
        .map((name) => join(dataDir, 'logs', name))
        .filter((file) => existsSync(file))
        .map((file) => {
          const problems = readFileSync(file, 'utf8')
            .split('\n')
            .filter((line) => /"level":[4-6]\d/.test(line));
          return `${file}:\n${problems.slice(-lines).join('\n')}`;
        })
        .join('\n'),
    stop,
  };
}

/**
 * `cleanUp` once, whether the benchmark ends, fails or is interrupted (Ctrl+C, SIGTERM): answers the function
 * to call at its end.
 */
export function cleanUpOnInterrupt(cleanUp: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const once = () => {
    done ??= cleanUp();
    return done;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      once().finally(() => process.exit(130));
    });
  }
  return once;
}
