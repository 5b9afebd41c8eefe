import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupPart } from './backup-manifest.js';

/**
 * The files of a backup being made, each hashed and counted as it is written and on disk (fsync) before it is
 * listed, so that the manifest, written last, vouches only for what is really there. Parts are readable by
 * their owner only: a backup holds the installation's personal data and secrets.
 */
export class PartWriter {
  private readonly written = new Map<string, BackupPart>();

  constructor(readonly dir: string) {}

  get parts(): BackupPart[] {
    return [...this.written.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** A stream into the part at `path` (relative); the part is listed once the stream has finished. */
  open(path: string): Writable {
    const file = join(this.dir, path);
    const hash = createHash('sha256');
    let bytes = 0;
    let handle: FileHandle | null = null;
    return new Writable({
      construct: (done) => {
        mkdir(dirname(file), { recursive: true, mode: 0o700 })
          .then(() => open(file, 'wx', 0o600))
          .then((opened) => {
            handle = opened;
            done();
          }, done);
      },
      write: (chunk: Buffer, _encoding, done) => {
        hash.update(chunk);
        bytes += chunk.length;
        writeAll(handle as FileHandle, chunk).then(() => done(), done);
      },
      final: (done) => {
        const opened = handle as FileHandle;
        handle = null;
        opened
          .sync()
          .then(() => opened.close())
          .then(() => {
            this.written.set(path, { path, bytes, sha256: hash.digest('hex') });
            done();
          }, done);
      },
      destroy: (error, done) => {
        const opened = handle;
        handle = null;
        (opened ? opened.close() : Promise.resolve()).catch(() => {}).finally(() => done(error));
      },
    });
  }

  async copyFile(source: string, path: string): Promise<void> {
    await pipeline(createReadStream(source), this.open(path));
  }

  async writeText(path: string, text: string): Promise<void> {
    await pipeline(Readable.from([Buffer.from(text)]), this.open(path));
  }

  /** Drops the parts under `folder`, e.g. a snapshot that must be taken again. */
  async discard(folder: string): Promise<void> {
    await rm(join(this.dir, folder), { recursive: true, force: true });
    for (const path of this.written.keys()) if (path.startsWith(`${folder}/`)) this.written.delete(path);
  }
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) {
    const { bytesWritten } = await handle.write(chunk, offset);
    offset += bytesWritten;
  }
}

/** Makes a directory's entries durable: their names are in the directory, which must reach the disk too. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
