import type { AddressInfo } from 'node:net';
import type { DesktopSpec } from '../src/agent-api/desktop-spec.js';
import { createAgentServer } from '../src/host-agent/agent-server.js';

/** A session host's agent as the platform sees it: the real agent API, with desktops only recorded. */
export class RecordingAgent {
  started: DesktopSpec[] = [];
  /** Where its desktops' VNC server listens, when a test gives it one. */
  vncPath: string | null = null;
  /** Where its RD gateway tunnels go, when a test gives it an RDP server. */
  rdpTarget: { host: string; port: number } | null = null;
  /** Awaited before a start is answered: a test may hold the start there. */
  beforeStartAnswered: () => Promise<void> = async () => {};
  layouts: string[] = [];
  ended: string[] = [];
  token = 'agent-token-of-the-test-host-0123456789abcdef';
  private server = createAgentServer(
    this.token,
    {
      start: async (spec) => {
        this.started.push(spec);
        await this.beforeStartAnswered();
        return { display: 20 };
      },
      end: async (id) => {
        this.ended.push(id);
      },
      setKeyboard: async (id, layout) => {
        this.layouts.push(`${id}:${layout}`);
        return true;
      },
      setProjects: async () => true,
      relayTarget: (_id, kind) => {
        if (kind === 'vnc') return this.vncPath ? { path: this.vncPath } : null;
        return this.rdpTarget;
      },
    },
    () => {},
  );
  url = '';
  async listen() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }
  close() {
    this.server.close();
  }
}
