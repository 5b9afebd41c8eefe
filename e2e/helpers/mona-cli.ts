import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { root } from './servers.js';

const run = promisify(execFile);

/**
 * Runs an operator command of the mona CLI against a test server's data dir and returns its output.
 * Asynchronous on purpose: the CLI may send mail to an SMTP catcher running in this same process.
 */
export async function mona(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<string> {
  const { stdout } = await run(process.execPath, ['dist/cli/main.js', ...args, '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  return stdout;
}
