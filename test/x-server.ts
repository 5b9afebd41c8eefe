import { type ChildProcess, spawn } from 'node:child_process';

export interface XServer {
  child: ChildProcess;
  display: string;
}

/** Starts an X server with -displayfd; resolves with its display number once it accepts clients. */
export async function startX(command: string, args: string[]): Promise<XServer> {
  const child = spawn(command, ['-displayfd', '3', ...args], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    child.stdio[3]?.once('data', (data: Buffer) => resolve(data.toString().trim()));
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
  });
  return { child, display };
}
