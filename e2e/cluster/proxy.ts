import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
} from 'node:http';
import { connect, type Socket } from 'node:net';

/** A `mona serve` node as the proxy sees it. */
export interface Upstream {
  name: string;
  port: number;
}

/** A WebSocket the proxy holds open to a node: the desktop viewer's, for instance. */
export interface Tunnel {
  upstream: string;
  path: string;
  /** The portal session cookie the browser sent with the upgrade: whose connection it is. */
  sessionCookie: string | null;
}

const SESSION_COOKIE = '__Host-mona-session';
// Hop-by-hop headers are the proxy's own business, never forwarded (RFC 9110, 7.6.1).
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer'];
/** A node that refused a connection is skipped for this long, as load balancers' passive health checks do. */
const DOWN_FOR_MS = 3000;

/**
 * The load balancer in front of the `mona serve` nodes: round robin over the nodes, on to the next one when a
 * node refuses the connection (nothing reached it, so even a POST may go elsewhere), WebSockets tunnelled
 * whole. It connects to the nodes from `sourceAddress`, the address they trust as their proxy
 * (`http.trustedProxies`), and tells them the client's address in X-Forwarded-For, replacing whatever the
 * client sent there. Request bodies are read whole before they are sent on, so that one can be sent again.
 */
export class ReverseProxy {
  private readonly servers: Server[] = [];
  private readonly downUntil = new Map<string, number>();
  private readonly tunnels = new Set<Tunnel>();
  private readonly sockets = new Set<Socket>();
  private next = 0;
  /** How many requests and upgrades each node has been given. */
  readonly served = new Map<string, number>();

  constructor(
    private readonly upstreams: Upstream[],
    private readonly sourceAddress: string,
  ) {}

  /** Listens on `port` of each address: loopback for browsers, the links to the session hosts for agents. */
  async listen(addresses: string[], port: number): Promise<void> {
    for (const address of addresses) {
      const server = createServer((req, res) => {
        void this.forward(req).then(
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
            answer.pipe(res);
          },
          (error: Error) => {
            res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(`no node answered: ${error.message}`);
          },
        );
      });
      server.on('upgrade', (req, socket: Socket, head: Buffer) => this.tunnel(req, socket, head));
      server.on('connection', (socket) => {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, address, () => resolve());
      });
      this.servers.push(server);
    }
  }

  /** The WebSockets open now. */
  openTunnels(): Tunnel[] {
    return [...this.tunnels];
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }

  /** The nodes to try, in order: round robin, with those that refused lately last. */
  private order(): Upstream[] {
    const start = this.next++ % this.upstreams.length;
    const rotated = [...this.upstreams.slice(start), ...this.upstreams.slice(0, start)];
    const now = Date.now();
    const up = rotated.filter((node) => (this.downUntil.get(node.name) ?? 0) <= now);
    return [...up, ...rotated.filter((node) => !up.includes(node))];
  }

  private headersFor(req: IncomingMessage): IncomingHttpHeaders {
    const headers = withoutHopByHop(req.headers);
    headers['x-forwarded-for'] = req.socket.remoteAddress;
    headers['x-forwarded-proto'] = 'http';
    return headers;
  }

  private count(node: Upstream): void {
    this.served.set(node.name, (this.served.get(node.name) ?? 0) + 1);
  }

  private markDown(node: Upstream): void {
    this.downUntil.set(node.name, Date.now() + DOWN_FOR_MS);
  }

  private async forward(req: IncomingMessage): Promise<IncomingMessage> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    // The body goes on whole, with its length instead of the client's chunks.
    const headers = this.headersFor(req);
    if (body.length > 0 || ['POST', 'PUT', 'PATCH'].includes(req.method ?? '')) {
      headers['content-length'] = String(body.length);
    }
    let lastError: Error = new Error('no nodes');
    for (const node of this.order()) {
      try {
        const answer = await new Promise<IncomingMessage>((resolve, reject) => {
          const outgoing = request(
            {
              host: '127.0.0.1',
              port: node.port,
              localAddress: this.sourceAddress,
              method: req.method,
              path: req.url,
              headers,
            },
            resolve,
          );
          outgoing.once('error', reject);
          outgoing.end(body);
        });
        this.count(node);
        return answer;
      } catch (error) {
        lastError = error as Error;
        // Only a refused connection is certain to have reached nothing; anything else is the client's answer.
        if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
        this.markDown(node);
      }
    }
    throw lastError;
  }

  /** An upgrade (the desktop's WebSocket): the request head is written to a node, then bytes flow both ways. */
  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    const headers = { ...this.headersFor(req), connection: 'Upgrade', upgrade: req.headers.upgrade };
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (const [name, value] of Object.entries(headers)) {
      for (const each of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
        lines.push(`${name}: ${each}`);
      }
    }
    const requestHead = `${lines.join('\r\n')}\r\n\r\n`;
    const candidates = this.order();
    const attempt = () => {
      const node = candidates.shift();
      if (!node) {
        client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      const upstream = connect({ host: '127.0.0.1', port: node.port, localAddress: this.sourceAddress });
      upstream.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' && !upstream.bytesWritten) {
          this.markDown(node);
          attempt();
        } else client.destroy();
      });
      upstream.once('connect', () => {
        this.count(node);
        const tunnel: Tunnel = { upstream: node.name, path: req.url ?? '', sessionCookie: cookie(req) };
        this.tunnels.add(tunnel);
        this.sockets.add(upstream);
        upstream.write(requestHead);
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
        const end = () => {
          this.tunnels.delete(tunnel);
          this.sockets.delete(upstream);
          upstream.destroy();
          client.destroy();
        };
        upstream.once('close', end);
        client.once('close', end);
        upstream.on('error', end);
        client.on('error', end);
      });
    };
    attempt();
  }
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const kept = { ...headers };
  for (const name of HOP_BY_HOP) delete kept[name];
  return kept;
}

function cookie(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return null;
}
