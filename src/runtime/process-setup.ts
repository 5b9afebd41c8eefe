import { readFileSync } from 'node:fs';

// What every long-running command sets up around its work, free of the database and the HTTP app: mona
// host-agent runs on session hosts, which have neither.

/** Start-up cannot go on: a file it reads or a port it listens on; the message names which. */
export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

/** A certificate and key from the files a setting names; an error names the setting's key (`where`). */
export function readTlsFiles(files: { certFile: string; keyFile: string }, where: string) {
  const read = (key: 'certFile' | 'keyFile') => {
    try {
      return readFileSync(files[key]);
    } catch (error) {
      throw new ServerStartError(
        `${where}.${key}: cannot read ${files[key]}: ${(error as NodeJS.ErrnoException).code}`,
      );
    }
  };
  return { cert: read('certFile'), key: read('keyFile') };
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`mona: stopping after ${signal} failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
