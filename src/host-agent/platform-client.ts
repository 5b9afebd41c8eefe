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

export interface HostReport {
  agentUrl: string;
  agentToken: string;
  capacity: number;
  /** The sessions running on this host now. */
  sessions: string[];
  /** Where RD gateway tunnels reach this host's xrdp; null when it runs none. */
  rdpPort: number | null;
}

export type CheckoutAnswer = { leased: true; leaseId: string } | { leased: false; message: string };

export class PlatformClient {
  constructor(
    private readonly platformUrl: string,
    private readonly hostName: string,
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Registers (or reports, once registered); answers the sessions the platform wants stopped here. */
  async report(kind: 'register' | 'report', report: HostReport): Promise<{ stop: string[] }> {
    const answer = (await this.call(`api/hosts/${kind}`, report)) as { stop?: unknown };
    const stop = Array.isArray(answer?.stop) ? answer.stop.filter((id) => typeof id === 'string') : [];
    return { stop };
  }

  async logout(sessionId: string): Promise<void> {
    await this.call(`api/hosts/sessions/${encodeURIComponent(sessionId)}/logout`, {});
  }

  /**
   * Spends an RDP file's logon secret for this host's user (PAM asks, through the agent): answers the
   * session it logs in to, or null when the platform refuses.
   */
  async logon(unixUser: string, secret: string): Promise<{ sessionId: string; idleSeconds: number } | null> {
    try {
      const answer = (await this.call('api/hosts/logon', { unixUser, secret })) as {
        sessionId?: unknown;
        idleSeconds?: unknown;
      };
      const { sessionId, idleSeconds } = answer ?? {};
      if (typeof sessionId !== 'string' || typeof idleSeconds !== 'number' || !(idleSeconds > 0)) return null;
      return { sessionId, idleSeconds };
    } catch (error) {
      if (error instanceof PlatformError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  }

  async checkOut(sessionId: string, software: string): Promise<CheckoutAnswer> {
    return (await this.call(`api/hosts/sessions/${encodeURIComponent(sessionId)}/licences/checkout`, {
      software,
    })) as CheckoutAnswer;
  }

  async giveBack(sessionId: string, leaseId: string): Promise<void> {
    await this.call(`api/hosts/sessions/${encodeURIComponent(sessionId)}/licences/return`, { leaseId });
  }

  private async call(path: string, body: unknown): Promise<unknown> {
    const url = new URL(path, this.platformUrl.endsWith('/') ? this.platformUrl : `${this.platformUrl}/`);
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
