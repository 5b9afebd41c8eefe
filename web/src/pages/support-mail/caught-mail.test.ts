import { describe, expect, it } from 'vitest';
import { parseCaughtMail } from './caught-mail.js';

const message = (id: string, receivedAt: string) => ({
  id,
  receivedAt,
  from: 'mona@example.org',
  to: ['rut@example.org'],
  subject: 'Welcome',
  text: 'Hello',
});

describe('parseCaughtMail', () => {
  it('lists the newest first', () => {
    const mail = parseCaughtMail({
      catcherRunning: true,
      messages: [message('a', '2026-03-01T10:00:00.000Z'), message('b', '2026-03-01T11:00:00.000Z')],
    });
    expect(mail?.messages.map((m) => m.id)).toEqual(['b', 'a']);
  });

  it('rejects a message of the wrong shape', () => {
    const broken = { ...message('a', '2026-03-01T10:00:00.000Z'), to: 'rut@example.org' };
    expect(parseCaughtMail({ catcherRunning: true, messages: [broken] })).toBeUndefined();
  });
});
