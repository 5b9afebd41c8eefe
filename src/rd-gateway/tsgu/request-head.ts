import { createHash } from 'node:crypto';

/**
 * The HTTP/1.1 request head an RD Gateway client opens its connection with, read straight off the
 * TLS socket: Node's HTTP parser refuses the RDG_OUT_DATA method, so we parse it ourselves, strictly.
 */

export const MAX_HEAD_BYTES = 8 * 1024;
export const MAX_HEADERS = 50;
const METHODS = new Set(['RDG_OUT_DATA', 'RDG_IN_DATA', 'GET']);
const END_OF_HEAD = Buffer.from('\r\n\r\n', 'latin1');
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REQUEST_TARGET = /^\/[\x21-\x7e]*$/;
const FIELD_VALUE = /^[\t\x20-\x7e]*$/;
// FreeRDP 2.11.7 sends a 15-character key, so any short printable string is accepted, not just 24 base64 characters.
const WEBSOCKET_KEY = /^[\x21-\x7e]{1,64}$/;

export type RequestHeadRefusal =
  | 'head-too-large'
  | 'bad-request-line'
  | 'method-not-allowed'
  | 'bad-version'
  | 'bad-header'
  | 'duplicate-header'
  | 'too-many-headers'
  | 'bad-websocket-key';

export class RequestHeadError extends Error {
  constructor(
    readonly reason: RequestHeadRefusal,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'RequestHeadError';
  }
}

export type RequestHead =
  | { complete: false }
  | { complete: true; method: string; path: string; headers: Map<string, string>; rest: Buffer };

/**
 * Parses the head once `buffer` holds all of it (up to the blank line); `rest` is whatever followed.
 * Throws RequestHeadError as soon as the head is malformed or exceeds the limits.
 */
export function parseRequestHead(buffer: Buffer): RequestHead {
  const end = buffer.subarray(0, MAX_HEAD_BYTES).indexOf(END_OF_HEAD);
  if (end < 0) {
    if (buffer.length >= MAX_HEAD_BYTES) {
      throw new RequestHeadError('head-too-large', `over ${MAX_HEAD_BYTES} bytes`);
    }
    return { complete: false };
  }
  const [requestLine = '', ...fieldLines] = buffer.toString('latin1', 0, end).split('\r\n');
  const { method, path } = parseRequestLine(requestLine);
  if (fieldLines.length > MAX_HEADERS) throw new RequestHeadError('too-many-headers', `${fieldLines.length}`);
  const headers = new Map<string, string>();
  for (const line of fieldLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^[\t ]+|[\t ]+$/g, '');
    // No space before the colon and no folded lines: both are classic request-smuggling vectors.
    if (colon < 1 || !TOKEN.test(name) || !FIELD_VALUE.test(value)) {
      throw new RequestHeadError('bad-header', JSON.stringify(line.slice(0, 80)));
    }
    const key = name.toLowerCase();
    // A repeated header (two keys, two hosts) would let parts of the gateway disagree on its value.
    if (headers.has(key)) throw new RequestHeadError('duplicate-header', key);
    headers.set(key, value);
  }
  return { complete: true, method, path, headers, rest: buffer.subarray(end + END_OF_HEAD.length) };
}

function parseRequestLine(line: string): { method: string; path: string } {
  const parts = line.split(' ');
  const [method = '', path = '', version = ''] = parts;
  if (parts.length !== 3 || !TOKEN.test(method) || !REQUEST_TARGET.test(path)) {
    throw new RequestHeadError('bad-request-line', JSON.stringify(line.slice(0, 80)));
  }
  if (!METHODS.has(method)) throw new RequestHeadError('method-not-allowed', method);
  if (version !== 'HTTP/1.1') throw new RequestHeadError('bad-version', version.slice(0, 20));
  return { method, path };
}

/** Sec-WebSocket-Accept for a client key (RFC 6455 section 4.2.2). */
export function websocketAccept(key: string): string {
  if (!WEBSOCKET_KEY.test(key)) throw new RequestHeadError('bad-websocket-key', `length ${key.length}`);
  return createHash('sha1')
    .update(key + WEBSOCKET_GUID, 'latin1')
    .digest('base64');
}

/** The 101 response head that completes the WebSocket upgrade. */
export function upgradeResponse(key: string): Buffer {
  return Buffer.from(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${websocketAccept(key)}\r\n\r\n`,
    'latin1',
  );
}
