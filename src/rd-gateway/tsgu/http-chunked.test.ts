import { describe, expect, it } from 'vitest';
import { ChunkedBodyError, ChunkedDecoder } from './http-chunked.js';

const body = Buffer.from('5\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n', 'latin1');

describe('ChunkedDecoder', () => {
  it('yields the data however the body is cut, and ends at the zero chunk', () => {
    for (let cut = 0; cut <= body.length; cut += 1) {
      const decoder = new ChunkedDecoder(1024);
      const data = [...decoder.push(body.subarray(0, cut)), ...decoder.push(body.subarray(cut))];
      expect(Buffer.concat(data).toString()).toBe('helloabcdefghijklmnopqrstuvwxyz');
      expect(decoder.ended).toBe(true);
    }
  });

  it('refuses a bad size, an oversized chunk, a missing CRLF and extensions; ignores the trailer', () => {
    const refused =
      (text: string, max = 1024) =>
      () =>
        new ChunkedDecoder(max).push(Buffer.from(text, 'latin1'));
    expect(refused('x\r\n')).toThrow(ChunkedBodyError);
    expect(refused('5;ext=1\r\nhello\r\n')).toThrow(/bad chunk size/);
    expect(refused('401\r\n', 1024)).toThrow(/chunk of 1025 bytes/);
    expect(refused('5\r\nhelloXX')).toThrow(/CRLF/);
    expect(refused('1234567890')).toThrow(/too long/);
    const ended = new ChunkedDecoder(1024);
    ended.push(Buffer.from('0\r\n'));
    expect(ended.push(Buffer.from('\r\n'))).toEqual([]);
  });
});
