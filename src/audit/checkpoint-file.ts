import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Checkpoint, checkpointSchema } from './checkpoint.js';

/**
 * Appends one checkpoint as a JSON line: one write of the whole line to a file opened for appending,
 * then fsync, so that writers never interleave and a line, once reported, is on disk.
 */
export async function appendCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a', 0o640);
  try {
    await handle.write(`${JSON.stringify(checkpoint)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type CheckpointLine = { line: number } & ({ checkpoint: Checkpoint } | { unreadable: true });

/** Every line of the file, numbered from 1; null when there is no file. */
export async function readCheckpoints(file: string): Promise<CheckpointLine[] | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return text
    .split('\n')
    .map((content, index) => ({ content, line: index + 1 }))
    .filter(({ content }) => content.trim() !== '')
    .map(({ content, line }) => {
      const parsed = checkpointSchema.safeParse(parseJson(content));
      return parsed.success ? { line, checkpoint: parsed.data } : { line, unreadable: true as const };
    });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
