import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { gatewayListenHost } from './rdp.js';

describe('where the RD gateway listens', () => {
  it('is where the HTTP server listens unless told otherwise: loopback by default', () => {
    expect(gatewayListenHost(loadConfig({ env: {} }))).toBe('127.0.0.1');
    expect(gatewayListenHost(loadConfig({ env: {}, flags: { 'http.host': '192.0.2.5' } }))).toBe('192.0.2.5');
  });

  it('is desktop.rdp.gatewayHost when that is set', () => {
    const config = loadConfig({ env: { MONA_DESKTOP__RDP__GATEWAY_HOST: '0.0.0.0' } });
    expect(gatewayListenHost(config)).toBe('0.0.0.0');
  });
});
