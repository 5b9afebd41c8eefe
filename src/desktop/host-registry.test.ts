import { describe, expect, it } from 'vitest';
import { type HostView, pickHost } from './host-registry.js';

const host = (
  name: string,
  liveSessions: number,
  capacity: number,
  more: Partial<HostView> = {},
): HostView => ({
  name,
  enabled: true,
  capacity,
  liveSessions,
  agentUrl: `http://${name}:8190/`,
  lastSeenAt: new Date(),
  up: true,
  rdpPort: null,
  ...more,
});

describe('pickHost', () => {
  it('takes the least loaded host relative to its capacity', () => {
    expect(pickHost([host('a', 5, 10), host('b', 3, 4), host('c', 1, 10)])?.name).toBe('c');
    expect(pickHost([host('a', 2, 4), host('b', 5, 20)])?.name).toBe('b');
  });

  it('never takes a full, disabled or silent host', () => {
    expect(
      pickHost([
        host('full', 4, 4),
        host('off', 0, 4, { enabled: false }),
        host('down', 0, 4, { up: false }),
      ]),
    ).toBeNull();
    expect(pickHost([host('draining', 0, 0)])).toBeNull();
  });

  it('breaks ties by name, so the choice is stable', () => {
    expect(pickHost([host('b', 1, 4), host('a', 1, 4)])?.name).toBe('a');
  });
});
