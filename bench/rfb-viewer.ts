import { WebSocket } from 'ws';
import { ByteQueue } from '../src/rfb/byte-queue.js';
import { ZrleDecoder } from './zrle.js';

/** A desktop viewer without a browser: the portal's open call, the gateway's WebSocket and plain RFB. */
export interface Viewer {
  sessionId: string;
  /** Milliseconds from asking for the desktop until the portal answered with its ticket (the start included). */
  openedMs: number;
  /** Milliseconds from asking for the desktop until the first whole FramebufferUpdate. */
  firstFrameMs: number;
  /** Milliseconds until the screen showed a desktop (more colours than a blank screen), or null if never. */
  drawnMs: Promise<number | null>;
  /** Bytes received from the gateway so far. */
  receivedBytes(): number;
  close(): Promise<void>;
}

/**
 * What the viewer asks the desktop for: Raw, the pixels as they are, measures the desktop and the relays
 * without a codec; ZRLE compresses as a browser's viewer asks for (noVNC asks for Tight, which costs Xvnc
 * about as much and is harder to decode here).
 */
export type Encoding = 'raw' | 'zrle';
const RAW = 0;
const ZRLE = 16;
const FRAMEBUFFER_UPDATE = 0;
const SET_COLOUR_MAP = 1;
const BELL = 2;
const SERVER_CUT_TEXT = 3;
// A blank or half-drawn screen has a few colours; the panel, the windows and their text bring many more.
const DRAWN_COLOURS = 20;
const DRAWN_WITHIN_MS = 30_000;

/**
 * Opens the user's desktop as "Open in browser" does (POST /api/desktop/open, then the WebSocket with its
 * ticket), speaks RFB as noVNC would with the one encoding given, and keeps asking for incremental updates, as
 * an idle viewer does, until closed.
 */
export async function openViewer(
  base: string,
  headers: Record<string, string>,
  encoding: Encoding = 'zrle',
): Promise<Viewer> {
  const asked = performance.now();
  const response = await fetch(new URL('/api/desktop/open', base), {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`open: ${response.status} ${await response.text()}`);
  const opened = (await response.json()) as { sessionId: string; websocketPath: string };
  const openedMs = performance.now() - asked;
  const socket = new WebSocket(new URL(opened.websocketPath, base.replace(/^http/, 'ws')), {
    headers: { cookie: headers.cookie ?? '', origin: base },
  });
  const queue = new ByteQueue();
  socket.binaryType = 'nodebuffer';
  let received = 0;
  socket.on('message', (data: Buffer) => {
    received += data.length;
    queue.push(data);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.once('close', (code, reason) => queue.fail(new Error(`gateway closed: ${code} ${reason}`)));
  socket.once('error', (error) => queue.fail(error));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

  const send = (bytes: Buffer) => socket.send(bytes);
  const screen = await handshake(queue, send, encoding === 'zrle' ? ZRLE : RAW);
  const zrle = new ZrleDecoder();
  const framebuffer = new Uint32Array(screen.width * screen.height);
  let firstFrame: () => void = () => {};
  const first = new Promise<void>((resolve) => (firstFrame = resolve));
  let drawn: (at: number | null) => void = () => {};
  const drawnMs = new Promise<number | null>((resolve) => (drawn = resolve));
  let watchingColours = true;
  const gaveUp = setTimeout(() => {
    watchingColours = false;
    drawn(null);
  }, DRAWN_WITHIN_MS);

  const readUpdates = async () => {
    for (;;) {
      const type = (await queue.read(1)).readUInt8();
      if (type === FRAMEBUFFER_UPDATE) {
        await readFramebufferUpdate(queue, screen.width, watchingColours ? framebuffer : null, zrle);
        firstFrame();
        if (watchingColours && distinctColours(framebuffer, DRAWN_COLOURS) > DRAWN_COLOURS) {
          watchingColours = false;
          clearTimeout(gaveUp);
          drawn(performance.now() - asked);
        }
        send(updateRequest(true, screen));
      } else if (type === BELL) {
        // Nothing follows.
      } else if (type === SERVER_CUT_TEXT) {
        await queue.read(3);
        await queue.read((await queue.read(4)).readUInt32BE());
      } else if (type === SET_COLOUR_MAP) {
        throw new Error('a colour map, though true colour was asked for');
      } else {
        throw new Error(`unexpected server message ${type}`);
      }
    }
  };
  const reading = readUpdates().catch(() => undefined);
  send(updateRequest(false, screen));
  await Promise.race([first, reading.then(() => Promise.reject(new Error('no frame before the end')))]);
  const firstFrameMs = performance.now() - asked;
  return {
    sessionId: opened.sessionId,
    openedMs,
    firstFrameMs,
    drawnMs,
    receivedBytes: () => received,
    close: async () => {
      clearTimeout(gaveUp);
      drawn(null);
      socket.close(1000);
      await closed;
      await reading;
      zrle.close();
    },
  };
}

interface Screen {
  width: number;
  height: number;
}

/** RFB 3.8 with security type None (the gateway did VncAuth), then a pixel format and the one encoding. */
async function handshake(queue: ByteQueue, send: (bytes: Buffer) => void, encoding: number): Promise<Screen> {
  const version = (await queue.read(12)).toString('latin1');
  if (version !== 'RFB 003.008\n') throw new Error(`unexpected version ${JSON.stringify(version)}`);
  send(Buffer.from('RFB 003.008\n', 'latin1'));
  const types = await queue.read((await queue.read(1)).readUInt8());
  if (!types.includes(1)) throw new Error(`no security type None: ${[...types].join(',')}`);
  send(Buffer.from([1]));
  if ((await queue.read(4)).readUInt32BE() !== 0) throw new Error('security handshake failed');
  send(Buffer.from([1])); // ClientInit: shared
  const init = await queue.read(24);
  await queue.read(init.readUInt32BE(20)); // the desktop's name
  const screen = { width: init.readUInt16BE(0), height: init.readUInt16BE(2) };
  // 32 bits per pixel, depth 24, little-endian, true colour, 8 bits each of red, green and blue.
  const pixelFormat = Buffer.from([0, 0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]);
  send(pixelFormat);
  const encodings = Buffer.alloc(8);
  encodings.writeUInt8(2, 0);
  encodings.writeUInt16BE(1, 2);
  encodings.writeInt32BE(encoding, 4);
  send(encodings);
  return screen;
}

function updateRequest(incremental: boolean, screen: Screen): Buffer {
  const request = Buffer.alloc(10);
  request.writeUInt8(3, 0);
  request.writeUInt8(incremental ? 1 : 0, 1);
  request.writeUInt16BE(screen.width, 6);
  request.writeUInt16BE(screen.height, 8);
  return request;
}

/** Reads one update's rectangles (Raw or ZRLE), painting them into `framebuffer` when given. */
async function readFramebufferUpdate(
  queue: ByteQueue,
  width: number,
  framebuffer: Uint32Array | null,
  zrle: ZrleDecoder,
) {
  const rectangles = (await queue.read(3)).readUInt16BE(1);
  for (let n = 0; n < rectangles; n += 1) {
    const header = await queue.read(12);
    const [x, y, w, h] = [
      header.readUInt16BE(0),
      header.readUInt16BE(2),
      header.readUInt16BE(4),
      header.readUInt16BE(6),
    ];
    const encoding = header.readInt32BE(8);
    if (encoding !== RAW && encoding !== ZRLE) throw new Error(`encoding ${encoding}, not one asked for`);
    // Every rectangle goes through the decoder's stream, which continues from one to the next.
    const rect =
      encoding === ZRLE
        ? await zrle.decode(await queue.read((await queue.read(4)).readUInt32BE()), w, h)
        : new Uint32Array(new Uint8Array(await queue.read(w * h * 4)).buffer);
    if (!framebuffer) continue;
    // Whole rows at a time: the viewer runs on the host it measures, and should take little of its CPU.
    for (let row = 0; row < h; row += 1) {
      framebuffer.set(rect.subarray(row * w, (row + 1) * w), (y + row) * width + x);
    }
  }
}

/** The number of distinct colours among a sample of the screen's pixels, counted up to just past `enough`. */
function distinctColours(framebuffer: Uint32Array, enough: number): number {
  const colours = new Set<number>();
  for (let at = 0; at < framebuffer.length && colours.size <= enough; at += 97) {
    colours.add((framebuffer[at] as number) & 0xffffff);
  }
  return colours.size;
}
