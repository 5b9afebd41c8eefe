import type { HostReport, HostReportAnswer, HostReportKind } from '../agent-api/host-report.js';
import { AppError } from '../http/errors.js';
import type { AgentAccess, DesktopDeps } from './desktop-deps.js';
import { liveSessionsOnHost } from './desktop-session-repository.js';
import { isCurrentAgent, markHostSeen, registerHost } from './host-registry.js';
import { endSession } from './session-lifecycle.js';

/** A session the agent has not yet mentioned may still be starting there. */
const REPORT_GRACE_MS = 60_000;

/**
 * An agent's registration or periodic report. The platform's records and the host's sessions are made to
 * agree: a running session the host no longer has was lost there, and a session the host has that the
 * platform ended (or never knew) must stop. Answers the sessions to stop.
 */
export async function receiveHostReport(
  deps: AgentAccess & Pick<DesktopDeps, 'now'>,
  hostName: string,
  kind: HostReportKind,
  report: HostReport,
): Promise<HostReportAnswer> {
  const now = deps.now();
  if (kind === 'register') {
    await registerHost(deps.db, hostName, { ...report, rdpPort: report.rdpPort ?? null }, now);
  } else {
    // Another agent registered under this name since: this one must register again to be believed.
    if (!(await isCurrentAgent(deps.db, hostName, report.agentToken)))
      throw new AppError('HOST_REGISTRATION_STALE');
    await markHostSeen(deps.db, hostName, now, report.rdpPort ?? null);
  }
  const live = await liveSessionsOnHost(deps.db, hostName);
  const reported = new Set(report.sessions);
  for (const session of live) {
    const settled = now.getTime() - session.started_at.getTime() > REPORT_GRACE_MS;
    if (session.state === 'running' && settled && !reported.has(session.id)) {
      await endSession(deps, session.id, 'lost', { id: null, label: `host:${hostName}` }, { host: hostName });
    }
  }
  const liveIds = new Set(live.map((session) => session.id));
  const stop = report.sessions.filter((id) => !liveIds.has(id));
  return { stop };
}
