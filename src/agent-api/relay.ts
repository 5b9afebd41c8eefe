import { z } from 'zod';

/**
 * The agent's relays of raw byte streams: `GET /sessions/<id>/<kind>` with `Connection: Upgrade` and the
 * kind's protocol, answered `101` and then the bytes of the session's VNC socket (the browser viewer), or of
 * the host's RDP server (RD gateway tunnels).
 */
export const relayKindSchema = z.enum(['vnc', 'rdp']);
export type RelayKind = z.infer<typeof relayKindSchema>;

export const RELAY_PROTOCOL: Record<RelayKind, string> = { vnc: 'mona-vnc', rdp: 'mona-rdp' };
