import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The vault's files as a GNU tar archive, with what keeps projects and users apart on disk: numeric owners
 * (the platform's uids and gids, the same on every host), modes with setgid and sticky bits, POSIX ACLs (a
 * withdrawn member's denial), extended attributes, sparse files and hard links. The archive reads My
 * Documents through its mount when it is a quota image, and leaves the images themselves out: a mounted
 * filesystem's image copied while in use is not a consistent one.
 */
const KEEP = ['--numeric-owner', '--acls', '--xattrs', '--sparse'];
const LEFT_OUT = ['--exclude=./quota-images'];

/** GNU tar's exit status 1: some file changed or went while it was read (a live vault); 2 and above: failed. */
const CHANGED_WHILE_READ = 1;

export class VaultArchiveError extends Error {
  override name = 'VaultArchiveError';
}

/** Writes the archive of the vault at `root` to `out`; answers how many files changed while they were read. */
export async function archiveVault(root: string, out: Writable): Promise<{ changedWhileRead: number }> {
  const tar = spawn('tar', ['--create', '--file=-', `--directory=${root}`, ...KEEP, ...LEFT_OUT, '.'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' },
  });
  const stderr = collect(tar.stderr);
  const exited = exitOf(tar);
  await pipeline(tar.stdout, out);
  const code = await exited;
  const messages = (await stderr).split('\n').filter((line) => line.trim() !== '');
  if (code !== 0 && code !== CHANGED_WHILE_READ) {
    throw new VaultArchiveError(
      `archiving the vault ${root} failed: ${messages.at(-1) ?? `tar exit ${code}`}`,
    );
  }
  return { changedWhileRead: messages.length };
}

/** Unpacks an archive made by archiveVault into `root`, with its owners (as root), modes and ACLs. */
export async function extractVault(archive: string, root: string): Promise<void> {
  const tar = spawn(
    'tar',
    ['--extract', `--file=${archive}`, `--directory=${root}`, ...KEEP, '--same-permissions'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' } },
  );
  const stderr = collect(tar.stderr);
  const code = await exitOf(tar);
  if (code !== 0) {
    const last = (await stderr).trim().split('\n').at(-1);
    throw new VaultArchiveError(`unpacking the vault into ${root} failed: ${last || `tar exit ${code}`}`);
  }
}

function collect(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    stream.on('end', () => resolve(text));
  });
}

function exitOf(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new VaultArchiveError(`tar cannot run: ${error.message}`)));
    child.once('close', (code) => resolve(code));
  });
}
