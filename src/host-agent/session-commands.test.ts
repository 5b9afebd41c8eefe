import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../session-host/bin/', import.meta.url));

interface Seen {
  method: string;
  url: string;
  body: unknown;
  /** What the program run under mona-run had written when this request came. */
  marker: string | null;
}

/** The client side of the agent's session socket, against a fake agent that answers as it is told. */
describe.runIf(existsSync('/usr/bin/python3'))('the in-session commands', () => {
  let dir: string;
  let server: Server;
  let marker: string;
  let seen: Seen[];
  let answers: Record<string, { status: number; body?: unknown }>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mona-session-commands-'));
    marker = join(dir, 'ran');
    server = createServer(async (request, response) => {
      let text = '';
      for await (const chunk of request) text += chunk;
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        body: text ? JSON.parse(text) : null,
        marker: await readFile(marker, 'utf8').catch(() => null),
      });
      const answer = answers[request.url ?? ''] ?? { status: 404 };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(join(dir, 'control.sock'), resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    seen = [];
    answers = {};
    await rm(marker, { force: true });
  });

  function run(command: string, args: string[], socket = join(dir, 'control.sock')) {
    const env = { PATH: '/usr/bin:/bin', MONA_SESSION_SOCKET: socket, LANGUAGE: 'en' };
    return new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(join(BIN, command), args, { env, timeout: 10_000 }, (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
      );
    });
  }
  // The program run under mona-run: it leaves a mark, and ends with a status of its own.
  const program = () => ['--', 'sh', '-c', 'echo ran > "$0"; exit 3', marker];

  it('mona-session logout asks the agent to end the session', async () => {
    answers['/logout'] = { status: 204 };
    expect(await run('mona-session', ['logout'])).toMatchObject({ code: 0 });
    expect(seen).toMatchObject([{ method: 'POST', url: '/logout' }]);

    answers['/logout'] = { status: 500 };
    expect((await run('mona-session', ['logout'])).code).toBe(1);
  });

  it('mona-run runs the program holding a seat, and returns the seat when it ends', async () => {
    answers['/licences/checkout'] = { status: 200, body: { lease: 'L-17' } };
    answers['/licences/return'] = { status: 204 };
    const result = await run('mona-run', ['stata', ...program()]);
    expect(result.code).toBe(3);
    expect(seen).toEqual([
      { method: 'POST', url: '/licences/checkout', body: { software: 'stata' }, marker: null },
      { method: 'POST', url: '/licences/return', body: { lease: 'L-17' }, marker: 'ran\n' },
    ]);
  });

  it('mona-run says so and exits 1 when no seat is free, without running the program', async () => {
    answers['/licences/checkout'] = { status: 409, body: { message: 'All 4 Stata licences are in use.' } };
    const result = await run('mona-run', ['stata', ...program()]);
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('All 4 Stata licences are in use.'),
    });
    expect(seen.map((request) => request.url)).toEqual(['/licences/checkout']);
    expect(existsSync(marker)).toBe(false);
  });

  it('mona-run does not run the program when the agent does not answer', async () => {
    const result = await run('mona-run', ['stata', ...program()], join(dir, 'none.sock'));
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('does not answer') });
    expect(existsSync(marker)).toBe(false);
  });
});
