// Test helpers: zip files written byte by byte (no zip writer is installed), including the
// malformed and hostile ones the inspection must reject, and small sample files. Tests only.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipMember {
  name: string;
  /** Bytes, or a chunk source for large members (streamed with a data descriptor, never held whole). */
  data: Uint8Array | (() => AsyncIterable<Uint8Array>);
  /** 8 (deflate) unless given; any other method is written as stored bytes under that number. */
  method?: number;
  /** Sets the traditional-encryption flag; the data itself stays plain. */
  encrypted?: boolean;
  symlink?: boolean;
  /** An Info-ZIP Unicode path extra field in the central directory, naming the member otherwise. */
  unicodePath?: string;
  /** Uncompressed size to claim in the central directory instead of the real one. */
  declaredSize?: number;
}

/** `total` bytes of zeros in 64 KiB chunks. */
export function zeros(total: number): () => AsyncIterable<Uint8Array> {
  const chunk = Buffer.alloc(64 * 1024);
  return async function* () {
    for (let left = total; left > 0; left -= chunk.length)
      yield left >= chunk.length ? chunk : chunk.subarray(0, left);
  };
}

export async function writeZip(path: string, members: readonly ZipMember[]): Promise<void> {
  const out = createWriteStream(path);
  let offset = 0;
  const put = async (bytes: Uint8Array): Promise<void> => {
    offset += bytes.length;
    if (!out.write(bytes)) await once(out, 'drain');
  };
  const central: Buffer[] = [];
  try {
    for (const member of members) {
      const headerOffset = offset;
      const streamed = typeof member.data === 'function';
      const flags = 0x0800 | (member.encrypted ? 0x0001 : 0) | (streamed ? 0x0008 : 0);
      const method = member.method ?? 8;
      const name = Buffer.from(member.name, 'utf8');
      let sizes: Sizes;
      if (typeof member.data === 'function') {
        await put(localHeader(flags, method, { crc: 0, compressed: 0, uncompressed: 0 }, name));
        sizes = await putStreamed(member.data, method, put);
        await put(dataDescriptor(sizes));
      } else {
        const body = method === 8 ? deflateRawSync(member.data) : member.data;
        sizes = { crc: crc32(member.data), compressed: body.length, uncompressed: member.data.length };
        await put(localHeader(flags, method, sizes, name));
        await put(body);
      }
      const declared = { ...sizes, uncompressed: member.declaredSize ?? sizes.uncompressed };
      const extra = member.unicodePath ? unicodePathField(name, member.unicodePath) : Buffer.alloc(0);
      central.push(
        centralHeader(flags, method, declared, name, extra, headerOffset, member.symlink === true),
      );
    }
    const centralOffset = offset;
    for (const header of central) await put(header);
    await put(endOfCentralDirectory(central.length, offset - centralOffset, centralOffset));
  } finally {
    await close(out);
  }
}

interface Sizes {
  crc: number;
  compressed: number;
  uncompressed: number;
}

async function putStreamed(
  source: () => AsyncIterable<Uint8Array>,
  method: number,
  put: (bytes: Uint8Array) => Promise<void>,
): Promise<Sizes> {
  const sizes = { crc: 0, compressed: 0, uncompressed: 0 };
  const count = async (chunk: Uint8Array): Promise<void> => {
    sizes.compressed += chunk.length;
    await put(chunk);
  };
  if (method !== 8) {
    for await (const chunk of source()) {
      sizes.crc = crc32(chunk, sizes.crc);
      sizes.uncompressed += chunk.length;
      await count(chunk);
    }
    return sizes;
  }
  const deflate = createDeflateRaw();
  const feeding = (async () => {
    for await (const chunk of source()) {
      sizes.crc = crc32(chunk, sizes.crc);
      sizes.uncompressed += chunk.length;
      if (!deflate.write(chunk)) await once(deflate, 'drain');
    }
    deflate.end();
  })();
  for await (const chunk of deflate) await count(chunk as Buffer);
  await feeding;
  return sizes;
}

const DOS_1980_01_01 = (1 << 5) | 1;

function localHeader(flags: number, method: number, sizes: Sizes, name: Buffer): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(method, 8);
  header.writeUInt16LE(DOS_1980_01_01, 12);
  header.writeUInt32LE(sizes.crc, 14);
  header.writeUInt32LE(sizes.compressed, 18);
  header.writeUInt32LE(sizes.uncompressed, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name]);
}

function dataDescriptor(sizes: Sizes): Buffer {
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(sizes.crc, 4);
  descriptor.writeUInt32LE(sizes.compressed, 8);
  descriptor.writeUInt32LE(sizes.uncompressed, 12);
  return descriptor;
}

function centralHeader(
  flags: number,
  method: number,
  sizes: Sizes,
  name: Buffer,
  extra: Buffer,
  headerOffset: number,
  symlink: boolean,
): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode in the external attributes counts
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(flags, 8);
  header.writeUInt16LE(method, 10);
  header.writeUInt16LE(DOS_1980_01_01, 14);
  header.writeUInt32LE(sizes.crc, 16);
  header.writeUInt32LE(sizes.compressed, 20);
  header.writeUInt32LE(sizes.uncompressed, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  header.writeUInt32LE(((symlink ? 0o120777 : 0o100644) << 16) >>> 0, 38);
  header.writeUInt32LE(headerOffset, 42);
  return Buffer.concat([header, name, extra]);
}

function unicodePathField(name: Buffer, unicodePath: string): Buffer {
  const path = Buffer.from(unicodePath, 'utf8');
  const field = Buffer.alloc(9);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + path.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(name), 5);
  return Buffer.concat([field, path]);
}

function endOfCentralDirectory(entries: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(entries, 8);
  record.writeUInt16LE(entries, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

async function close(out: WriteStream): Promise<void> {
  if (out.closed) return;
  out.end();
  await once(out, 'close');
}

/** The smallest Office Open XML package file-type recognises as a Word document or Excel workbook. */
export function officeMembers(kind: 'docx' | 'xlsx'): ZipMember[] {
  const [part, type] =
    kind === 'docx'
      ? ['/word/document.xml', 'wordprocessingml.document.main+xml']
      : ['/xl/workbook.xml', 'spreadsheetml.sheet.main+xml'];
  const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${text}`);
  return [
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.${type}"/></Types>`,
      ),
    },
    { name: part.slice(1), data: xml('<root/>') },
  ];
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
