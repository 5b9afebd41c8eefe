import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../src/net/ports.js';

const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

/** The line each long-running command logs once it works. */
const READY: Record<MonaDaemon, string> = {
  serve: '"msg":"mona is serving"',
  worker: '"msg":"mona worker is running"',
};

export type MonaDaemon = 'serve' | 'worker';

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A `mona serve` or `mona worker` running from source as an operator would start it. */
export class MonaProcess {
  private readonly child: ChildProcess;
  private text = '';
  /** Settles when the process has ended, however it ended. */
  readonly ended: Promise<Ended>;

  constructor(
    readonly command: MonaDaemon,
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', MAIN, command], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.text += chunk.toString();
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.ended = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** What it wrote on both outputs so far. */
  output(): string {
    return this.text;
  }

  /** Resolves once it says it works; fails, with its output, if it ends first or takes too long. */
  async ready(timeoutMs = 60_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    let ended: Ended | null = null;
    void this.ended.then((how) => {
      ended = how;
    });
    while (!this.text.includes(READY[this.command])) {
      if (ended || Date.now() > deadline) {
        throw new Error(`mona ${this.command} did not start (${JSON.stringify(ended)}):\n${this.text}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this;
  }

  /** Ends it as an operator would (SIGTERM), unless it has ended already. */
  async stop(): Promise<Ended> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.ended;
  }
}

/** Starts one and waits until it works. */
export function startMona(command: MonaDaemon, env: NodeJS.ProcessEnv): Promise<MonaProcess> {
  return new MonaProcess(command, env).ready();
}

/**
 * What every `mona serve` or `mona worker` of a crash test runs with: the test's database and data
 * dir, a free port, loopback counted as an approved country, and no quota images to mount.
 */
export async function monaTestEnv(databaseUrl: string, dataDir: string): Promise<NodeJS.ProcessEnv> {
  return {
    DATABASE_URL: databaseUrl,
    MONA_DATA_DIR: dataDir,
    MONA_ENVIRONMENT: 'test',
    MONA_HTTP__PORT: String(await findFreePort('127.0.0.1')),
    MONA_ACCESS__ALLOW_PRIVATE_NETWORKS: 'true',
    MONA_VAULT__QUOTA_IMAGES: 'false',
  };
}
