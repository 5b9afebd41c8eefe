import type { z } from 'zod';
import {
  HOST_REPORT_PATH,
  type HostReport,
  type HostReportAnswer,
  type HostReportKind,
  hostReportAnswerSchema,
} from '../agent-api/host-report.js';
import {
  type CheckOutAnswer,
  checkOutAnswerSchema,
  HOST_LOGON_PATH,
  hostSessionPath,
  type LogonAnswer,
  logonAnswerSchema,
} from '../agent-api/host-requests.js';

/** The agent's side of the platform's host API: every call carries the host's name and secret. */
export class PlatformError extends Error {
  override name = 'PlatformError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export class PlatformClient {
  constructor(
    private readonly platformUrl: string,
    private readonly hostName: string,
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Registers (or reports, once registered); answers the sessions the platform wants stopped here. */
  async report(kind: HostReportKind, report: HostReport): Promise<HostReportAnswer> {
    return answerOf(hostReportAnswerSchema, await this.call(HOST_REPORT_PATH[kind], report));
  }

  async logout(sessionId: string): Promise<void> {
    await this.call(hostSessionPath('logout', sessionId), {});
  }

  /**
   * Spends an RDP file's logon secret for this host's user (PAM asks, through the agent): answers the
   * session it logs in to, or null when the platform refuses.
   */
  async logon(unixUser: string, secret: string): Promise<LogonAnswer | null> {
    try {
      const answer = logonAnswerSchema.safeParse(await this.call(HOST_LOGON_PATH, { unixUser, secret }));
      return answer.success ? answer.data : null;
    } catch (error) {
      if (error instanceof PlatformError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  }

  async checkOut(sessionId: string, software: string): Promise<CheckOutAnswer> {
    return answerOf(
      checkOutAnswerSchema,
      await this.call(hostSessionPath('checkOut', sessionId), { software }),
    );
  }

  async giveBack(sessionId: string, leaseId: string): Promise<void> {
    await this.call(hostSessionPath('giveBack', sessionId), { leaseId });
  }

  private async call(path: string, body: unknown): Promise<unknown> {
    const url = new URL(
      path.slice(1),
      this.platformUrl.endsWith('/') ? this.platformUrl : `${this.platformUrl}/`,
    );
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.secret}`,
          'x-mona-host': this.hostName,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new PlatformError(
        `the platform at ${url.origin} cannot be reached: ${(error as Error).message}`,
        null,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new PlatformError(
        `the platform answered ${response.status}: ${text.slice(0, 200)}`,
        response.status,
      );
    }
    return text ? JSON.parse(text) : null;
  }
}

/** An answer as the contract describes it; anything else is the platform's error. */
function answerOf<T>(schema: z.ZodType<T>, answer: unknown): T {
  const parsed = schema.safeParse(answer);
  if (!parsed.success)
    throw new PlatformError(`the platform's answer is not understood: ${parsed.error.message}`, null);
  return parsed.data;
}
