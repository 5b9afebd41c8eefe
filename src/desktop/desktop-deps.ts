import { readFileSync } from 'node:fs';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import type { SessionTimeouts } from '../identity/session-service.js';
import type { RdpSigner } from '../rd-gateway/rdp-file/signing-certificate.js';
import type { VaultSettings } from '../storage/provision.js';
import { AgentClient } from './agent-client.js';
import { agentEndpoint } from './host-registry.js';

/** What the desktop module needs: explicit, so that tests can hand in a frozen clock. */
export interface DesktopDeps {
  db: Db;
  settings: Config['desktop'];
  vault: VaultSettings;
  /** The portal session's idle limits: a connected desktop keeps the portal session alive (R30). */
  portalTimeouts: SessionTimeouts;
  /** Certificates the platform trusts for agents served over https (desktop.agentCaFile). */
  agentCa: Buffer | null;
  /** RDP files (R15, R16), or null when they are off. */
  rdp: RdpFiles | null;
  now: () => Date;
}

/** What an RDP file is made of besides its session: who signs it, the gateway it names, how long it lasts. */
export interface RdpFiles {
  signer: RdpSigner;
  /** host:port of mona's RD gateway, as clients reach it. */
  gatewayHost: string;
  fileSeconds: number;
}

/** Enough to call a host's agent. */
export interface AgentAccess {
  db: Db;
  agentCa?: Buffer | null;
}

/** The agent of a host, or null when it has never registered. */
export async function agentFor(deps: AgentAccess, hostName: string): Promise<AgentClient | null> {
  const endpoint = await agentEndpoint(deps.db, hostName);
  return endpoint ? new AgentClient(endpoint, { ca: deps.agentCa ?? null }) : null;
}

/** The certificates of `desktop.agentCaFile`, read once at start-up. */
export function loadAgentCa(config: Config): Buffer | null {
  const file = config.desktop.agentCaFile;
  if (!file) return null;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`desktop.agentCaFile: cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
}
