import { describe, expect, it } from 'vitest';
import { FREERDP_HEAD_LINES, FREERDP_KEY } from '../../../test/tsgu-client.js';
import {
  MAX_HEAD_BYTES,
  MAX_HEADERS,
  parseRequestHead,
  RequestHeadError,
  type RequestHeadRefusal,
  upgradeResponse,
  websocketAccept,
} from './request-head.js';

const FREERDP_HEAD = `${FREERDP_HEAD_LINES.join('\r\n')}\r\n\r\n`;

function head(...lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

function refusal(buffer: Buffer): RequestHeadRefusal {
  try {
    parseRequestHead(buffer);
  } catch (error) {
    if (error instanceof RequestHeadError) return error.reason;
    throw error;
  }
  throw new Error('accepted');
}

describe('parseRequestHead', () => {
  it("parses FreeRDP's RDG_OUT_DATA upgrade request and keeps what follows", () => {
    const buffer = Buffer.concat([Buffer.from(FREERDP_HEAD, 'latin1'), Buffer.from([0x82, 0x8e])]);
    const result = parseRequestHead(buffer);
    if (!result.complete) throw new Error('incomplete');
    expect(result.method).toBe('RDG_OUT_DATA');
    expect(result.path).toBe('/remoteDesktopGateway/');
    expect(result.headers.get('sec-websocket-key')).toBe(FREERDP_KEY);
    expect(result.headers.get('rdg-auth-scheme')).toBe('PAA');
    expect(result.headers.get('upgrade')).toBe('websocket');
    expect(result.headers.size).toBe(12);
    expect([...result.rest]).toEqual([0x82, 0x8e]);
  });

  it('waits for the blank line, whatever the cut', () => {
    const buffer = Buffer.from(FREERDP_HEAD, 'latin1');
    for (let end = 0; end < buffer.length; end++) {
      expect(parseRequestHead(buffer.subarray(0, end))).toEqual({ complete: false });
    }
    expect(parseRequestHead(buffer).complete).toBe(true);
  });

  it('accepts RDG_IN_DATA and GET, trims header whitespace and ignores name case', () => {
    const result = parseRequestHead(head('RDG_IN_DATA /remoteDesktopGateway/ HTTP/1.1', 'X-A:\t value \t'));
    expect(result.complete && result.headers.get('x-a')).toBe('value');
    expect(parseRequestHead(head('GET /?a=b HTTP/1.1')).complete).toBe(true);
  });

  it('refuses a head over 8 KiB, and one that ends past 8 KiB', () => {
    expect(refusal(Buffer.alloc(MAX_HEAD_BYTES, 'a'))).toBe('head-too-large');
    const long = head('GET / HTTP/1.1', `X-Long: ${'a'.repeat(MAX_HEAD_BYTES)}`);
    expect(refusal(long)).toBe('head-too-large');
    const fits = head('GET / HTTP/1.1', `X: ${'a'.repeat(MAX_HEAD_BYTES - 23)}`);
    expect(fits.length).toBe(MAX_HEAD_BYTES);
    expect(parseRequestHead(fits).complete).toBe(true);
  });

  it(`refuses more than ${MAX_HEADERS} headers`, () => {
    const lines = Array.from({ length: MAX_HEADERS }, (_, i) => `X-${i}: ${i}`);
    expect(parseRequestHead(head('GET / HTTP/1.1', ...lines)).complete).toBe(true);
    expect(refusal(head('GET / HTTP/1.1', ...lines, 'X-Last: 1'))).toBe('too-many-headers');
  });

  it.each([
    ['POST / HTTP/1.1', 'method-not-allowed'],
    ['CONNECT host:443 HTTP/1.1', 'bad-request-line'],
    ['rdg_out_data / HTTP/1.1', 'method-not-allowed'],
    ['GET / HTTP/1.0', 'bad-version'],
    ['GET / HTTP/2', 'bad-version'],
    ['GET  / HTTP/1.1', 'bad-request-line'],
    ['GET / HTTP/1.1 x', 'bad-request-line'],
    ['GET http://example/ HTTP/1.1', 'bad-request-line'],
    ['GET /a b HTTP/1.1', 'bad-request-line'],
    ['GET /\x7f HTTP/1.1', 'bad-request-line'],
    ['', 'bad-request-line'],
  ] as const)('refuses the request line %j', (line, reason) => {
    expect(refusal(head(line))).toBe(reason);
  });

  it.each([
    ['Host : example'],
    [' folded: line'],
    ['no colon'],
    [': empty name'],
    ['X-Bad\x00: 1'],
    ['X-Bad: a\x00b'],
    ['X-Bad: a\nInjected: 1'],
    ['X-Bad: caf\xe9'],
  ])('refuses the header line %j', (line) => {
    expect(refusal(head('GET / HTTP/1.1', line))).toBe('bad-header');
  });

  it('refuses a repeated header, whatever its case', () => {
    expect(refusal(head('GET / HTTP/1.1', 'Sec-WebSocket-Key: a', 'sec-websocket-key: b'))).toBe(
      'duplicate-header',
    );
  });
});

describe('websocketAccept', () => {
  it('matches the example of RFC 6455 (section 1.3)', () => {
    expect(websocketAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it("accepts FreeRDP 2.11.7's 15-character key", () => {
    expect(FREERDP_KEY).toHaveLength(15);
    expect(websocketAccept(FREERDP_KEY)).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it.each([[''], ['a'.repeat(65)], ['with space'], ['caf\xe9'], ['a\r\nb']])('refuses the key %j', (key) => {
    expect(() => websocketAccept(key)).toThrow(RequestHeadError);
  });
});

describe('upgradeResponse', () => {
  it('is a complete 101 head carrying the accept value', () => {
    expect(upgradeResponse('dGhlIHNhbXBsZSBub25jZQ==').toString('latin1')).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n',
    );
  });
});
