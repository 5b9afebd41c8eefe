import { describe, expect, it } from 'vitest';
import { ReceiveBuffer } from './receive-buffer.js';

describe('ReceiveBuffer', () => {
  it('keeps appended bytes in order across consumption, compaction and growth', () => {
    const buffer = new ReceiveBuffer();
    const expected: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const chunk = Buffer.from(Array.from({ length: i % 13 }, (_, j) => (i + j) & 0xff));
      buffer.append(chunk);
      expected.push(...chunk);
      const consumed = i % 17;
      buffer.consume(consumed);
      expected.splice(0, consumed);
      expect(buffer.length).toBe(expected.length);
    }
    expect([...buffer.unread]).toEqual(expected);
  });

  it('takes linear time for a 64 KiB packet arriving a byte at a time', () => {
    const buffer = new ReceiveBuffer();
    const started = performance.now();
    for (let i = 0; i < 0x10000; i++) buffer.append(Buffer.from([i & 0xff]));
    expect(buffer.length).toBe(0x10000);
    expect(buffer.unread.readUInt8(0x1234)).toBe(0x34);
    // Joining onto the pending bytes at each append would copy 2 GiB here.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('drops everything on clear, and ignores consuming more than it holds', () => {
    const buffer = new ReceiveBuffer();
    buffer.append(Buffer.from('abc'));
    buffer.consume(10);
    expect(buffer.length).toBe(0);
    buffer.append(Buffer.from('de'));
    buffer.clear();
    expect(buffer.unread).toEqual(Buffer.alloc(0));
  });
});
