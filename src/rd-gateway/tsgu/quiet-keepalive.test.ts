import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quietKeepalive } from './quiet-keepalive.js';

describe('quietKeepalive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends once per quiet interval, for as long as the tunnel stays quiet', () => {
    const send = vi.fn();
    const keepalive = quietKeepalive(100, send);
    vi.advanceTimersByTime(99);
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(250);
    expect(send).toHaveBeenCalledTimes(3);
    keepalive.stop();
  });

  it('sends nothing while data keeps going to the client', () => {
    const send = vi.fn();
    const keepalive = quietKeepalive(100, send);
    for (let i = 0; i < 20; i += 1) {
      vi.advanceTimersByTime(60);
      keepalive.sent();
    }
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(send).toHaveBeenCalledTimes(1);
    keepalive.stop();
  });

  it('sends nothing after it is stopped', () => {
    const send = vi.fn();
    quietKeepalive(100, send).stop();
    vi.advanceTimersByTime(1000);
    expect(send).not.toHaveBeenCalled();
  });
});
