import { describe, expect, it } from 'vitest';
import { desktopOpened } from './desktop-contract.js';

describe('the desktop contract', () => {
  it('hands the viewer a path on this origin and nothing else', () => {
    const opened = { sessionId: '0b8d6f7e-5c2a-4f1e-9d3b-7a6c5e4d3c2b', ticket: 'abc' };
    expect(desktopOpened.safeParse({ ...opened, websocketPath: '/api/desktop/vnc?ticket=abc' }).success).toBe(
      true,
    );
    for (const websocketPath of ['wss://elsewhere.example/vnc', '//elsewhere.example/vnc', 'vnc'])
      expect(desktopOpened.safeParse({ ...opened, websocketPath }).success).toBe(false);
  });
});
