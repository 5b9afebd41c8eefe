import { recordAudit } from '../audit/audit-service.js';
import type { DesktopSession } from '../desktop/desktop-contract.js';
import type { DesktopDeps } from '../desktop/desktop-deps.js';
import { type HostView, hostRdpPort, hostTakesSessions } from '../desktop/host-registry.js';
import { ensureSession, type OpenRequest } from '../desktop/session-lifecycle.js';
import { AppError } from '../http/errors.js';
import { crashPoint } from '../runtime/crash-points.js';
import { unixUserName } from '../storage/unix-accounts.js';
import { buildRdpFile } from './rdp-file/rdp-file.js';
import { signRdpFile } from './rdp-file/rdp-sign.js';
import { issueRdpGrant } from './rdp-grants.js';

/**
 * Whether an RDP file can be had now: for the user's live session, if its host runs xrdp; for a new session,
 * if a host that takes one runs xrdp.
 */
export function rdpFileAvailable(hosts: HostView[], session: Pick<DesktopSession, 'host'> | null): boolean {
  if (session) return hosts.some((host) => host.name === session.host && host.rdpPort !== null);
  return hosts.some((host) => host.rdpPort !== null && hostTakesSessions(host));
}

/**
 * A single-use RDP file for the user's session (R15, R16), starting one if need be: named launch<8 hex>.rdp,
 * pointing at the session's host through mona's RD gateway, with a one-time gateway token and logon secret
 * that work only from the address that asked, for fileSeconds; signed as rdpsign does.
 */
export async function issueRdpFile(deps: DesktopDeps, request: OpenRequest) {
  const files = deps.rdp;
  if (!files) throw new AppError('RDP_UNAVAILABLE');
  const session = await ensureSession(deps, request, { rdp: true });
  const rdpPort = await hostRdpPort(deps.db, session.host_name);
  if (rdpPort === null) throw new AppError('RDP_UNAVAILABLE');
  const now = deps.now();
  // The grant and its audit event commit together.
  const file = await deps.db.transaction().execute(async (trx) => {
    const secrets = await issueRdpGrant(
      trx,
      {
        sessionId: session.id,
        userId: request.userId,
        clientIp: request.ip,
        targetHost: session.host_name,
        targetPort: rdpPort,
        validSeconds: files.fileSeconds,
      },
      now,
    );
    crashPoint('rdp.grant');
    const built = buildRdpFile({
      sessionHost: session.host_name,
      port: rdpPort,
      gatewayHost: files.gatewayHost,
      gatewayToken: secrets.gatewayToken,
      username: unixUserName(request.username),
      logonSecret: secrets.logonSecret,
    });
    await recordAudit(
      trx,
      {
        actor: { id: request.userId, label: request.username },
        action: 'desktop.rdp_file_issued',
        target: { type: 'desktop_session', id: session.id },
        ip: request.ip,
        details: { file: built.name, host: session.host_name, validSeconds: files.fileSeconds },
      },
      now,
    );
    return built;
  });
  return { name: file.name, content: signRdpFile(file.content, files.signer) };
}
