import type { CountryGate } from '../access/approved-country.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import type { SessionTimeouts } from '../identity/session-service.js';
import type { VaultSettings } from '../storage/provision.js';
import { AgentClient } from './agent-client.js';
import { agentEndpoint } from './host-registry.js';

/** What the desktop module needs: explicit, so that tests can hand in a frozen clock. */
export interface DesktopDeps {
  db: Db;
  settings: Config['desktop'];
  vault: VaultSettings;
  gate: CountryGate;
  /** The portal session's idle limits: a connected desktop keeps the portal session alive (R30). */
  portalTimeouts: SessionTimeouts;
  now: () => Date;
}

/** The agent of a host, or null when it has never registered. */
export async function agentFor(deps: Pick<DesktopDeps, 'db'>, hostName: string): Promise<AgentClient | null> {
  const endpoint = await agentEndpoint(deps.db, hostName);
  return endpoint ? new AgentClient(endpoint) : null;
}
