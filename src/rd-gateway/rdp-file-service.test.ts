import { describe, expect, it } from 'vitest';
import type { HostView } from '../desktop/host-registry.js';
import { rdpFileAvailable } from './rdp-file-service.js';

const host = (name: string, more: Partial<HostView> = {}): HostView => ({
  name,
  enabled: true,
  capacity: 2,
  liveSessions: 0,
  agentUrl: `http://${name}:8190/`,
  lastSeenAt: new Date(),
  up: true,
  rdpPort: 3389,
  ...more,
});

describe('rdpFileAvailable', () => {
  it('offers a file for a new session only where a host with xrdp takes one', () => {
    expect(rdpFileAvailable([host('a')], null)).toBe(true);
    expect(rdpFileAvailable([host('a', { rdpPort: null }), host('b', { up: false })], null)).toBe(false);
    expect(rdpFileAvailable([host('a', { liveSessions: 2 }), host('b', { enabled: false })], null)).toBe(
      false,
    );
  });

  it('offers a file for a live session only when its own host runs xrdp, full or not', () => {
    const hosts = [host('a', { rdpPort: null }), host('b', { liveSessions: 2 })];
    expect(rdpFileAvailable(hosts, { host: 'a' })).toBe(false);
    expect(rdpFileAvailable(hosts, { host: 'b' })).toBe(true);
  });
});
