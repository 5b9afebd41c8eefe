import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { root } from '../helpers/servers.js';

/** The built CLI, as `npm run build` leaves it (systemd's ExecStart runs the same). */
const MONA = ['dist/cli/main.js'];

export interface ProcessSpec {
  name: string;
  /** The mona sub-command and its options. */
  args: string[];
  env: Record<string, string>;
  logFile: string;
  /** Wraps the command line, e.g. to run it in a session host's network namespace. */
  wrap?: (command: string[]) => string[];
}

/** One process of the installation (a `mona serve` node, the worker, an agent), which a test may kill. */
export class MonaProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly spec: ProcessSpec) {}

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    if (this.child) throw new Error(`${this.name} runs already`);
    const log = openSync(this.spec.logFile, 'a');
    const command = (this.spec.wrap ?? ((line) => line))([process.execPath, ...MONA, ...this.spec.args]);
    const child = spawn(command[0] as string, command.slice(1), {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...this.spec.env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Dies at once, as in a crash or a machine lost: no clean-up of its own. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Asks it to stop, as systemd does, and waits; kills it after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!stopped) await this.kill();
  }

  log(): string {
    try {
      return readFileSync(this.spec.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** Waits until `ready` holds, failing early (with the end of its log) if the process exits. */
  async waitUntil(what: string, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(250)) {
      if (!this.running) throw new Error(`${this.name} exited before ${what}:\n${tail(this.log())}`);
      if (await ready().catch(() => false)) return;
    }
    throw new Error(`${this.name}: no ${what} within ${timeoutMs} ms:\n${tail(this.log())}`);
  }
}

export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
