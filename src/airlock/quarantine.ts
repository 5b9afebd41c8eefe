import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crashPoint } from '../runtime/crash-points.js';

export class UploadTooLarge extends Error {
  override name = 'UploadTooLarge';
}

export interface Quarantined {
  id: string;
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Streams an upload into the quarantine, hashing and counting as it goes and
 * never holding the file in memory. Until the last byte has arrived the file
 * is `<id>.part`; a stream cut off, too large, or a full disk leaves nothing.
 */
export async function receiveIntoQuarantine(
  body: Readable,
  quarantineDir: string,
  maxBytes: number,
): Promise<Quarantined> {
  await mkdir(quarantineDir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const partial = join(quarantineDir, `${id}.part`);
  const hash = createHash('sha256');
  let bytes = 0;
  const writer = createWriteStream(partial, { flags: 'wx', mode: 0o600, highWaterMark: 1024 * 1024 });
  // The part file exists once the writer is ready: a crash before that would leave nothing to clear.
  let written = false;
  writer.once('ready', () => (written = true));
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // From the second piece on, once the part file is open, the first is on its way into it.
      if (bytes > 0 && written) crashPoint('upload.streaming');
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new UploadTooLarge(`the file is larger than ${maxBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, writer);
    const path = join(quarantineDir, id);
    await rename(partial, path);
    crashPoint('upload.after-quarantine');
    return { id, path, bytes, sha256: hash.digest('hex') };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
