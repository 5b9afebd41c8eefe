import { describe, expect, it } from 'vitest';
import { HandshakeSlots } from './handshake-slots.js';

describe('handshake places per address', () => {
  it('refuses an address its next connection when it holds them all, not another address', () => {
    const slots = new HandshakeSlots(2);
    expect(slots.take('192.0.2.10')).not.toBeNull();
    expect(slots.take('192.0.2.10')).not.toBeNull();
    expect(slots.take('192.0.2.10')).toBeNull();
    expect(slots.take('192.0.2.11')).not.toBeNull();
  });

  it('frees a place given back, once however often it is given back', () => {
    const slots = new HandshakeSlots(2);
    const first = slots.take('192.0.2.10');
    expect(slots.take('192.0.2.10')).not.toBeNull();
    first?.();
    first?.();
    expect(slots.take('192.0.2.10')).not.toBeNull();
    expect(slots.take('192.0.2.10')).toBeNull();
  });
});
