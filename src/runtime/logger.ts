import { once } from 'node:events';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { loggerOptions } from '../http/logging.js';

/**
 * JSON lines to `log.file`, or to standard output; `mona start` keeps the
 * terminal for people and logs to `<data-dir>/logs/mona.log` unless told otherwise.
 */
export async function createLogger(
  config: Config,
  dataDir: string,
  where: 'stdout' | 'data-dir',
): Promise<{ logger: Logger; file: string | null }> {
  const file = config.log.file ?? (where === 'data-dir' ? join(dataDir, 'logs', 'mona.log') : null);
  if (!file) return { logger: pino(loggerOptions(config.log.level), pino.destination(1)), file };
  const destination = pino.destination({ dest: file, mkdir: true, sync: false });
  // An exit before the file is open would otherwise crash pino's final flush.
  await once(destination, 'ready');
  return { logger: pino(loggerOptions(config.log.level), destination), file };
}
