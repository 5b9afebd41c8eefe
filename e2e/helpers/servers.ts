import { fileURLToPath } from 'node:url';

/** The repository root: the servers and the mona CLI run from here. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface TestServer {
  port: number;
  /** Relative to the repository root; wiped when the server starts. */
  dataDir: string;
  baseURL: string;
}

const server = (port: number, dataDir: string): TestServer => ({
  port,
  dataDir,
  baseURL: `http://127.0.0.1:${port}`,
});

/**
 * Default settings, behind a trusted proxy on 127.0.0.1 so tests can pose as visitors from elsewhere, and RDP
 * files valid for the shortest time allowed, so that one can expire within a test.
 */
export const mainServer = { ...server(8181, '.tmp/e2e-var'), rdpFileSeconds: 30 };

/**
 * Idle logout after 20 s, with the warning for the last 10, and a desktop connection closed after 15 s
 * without input and a session ended 20 s after its last connection: the idle tests run in seconds.
 */
export const idleServer = {
  ...server(8182, '.tmp/e2e-idle'),
  idleSeconds: 20,
  warningSeconds: 10,
  desktopIdleSeconds: 15,
  desktopDisconnectedSeconds: 20,
};
