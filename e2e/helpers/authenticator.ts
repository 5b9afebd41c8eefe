import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { base32Decode } from '../../src/identity/base32.js';
import { TOTP, timeStepAt, totpCode } from '../../src/identity/totp.js';
import { root } from './servers.js';

/**
 * The last time step used for each secret, shared by every Authenticator of every spec file: two
 * specs that log in the same demo account within one 30-second step would otherwise send the same
 * code twice, and the second login would be refused as a replay.
 */
const stepsFile = resolve(root, '.tmp', 'e2e-totp-steps.json');

function readSteps(): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(stepsFile, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

function recordStep(key: string, step: number): void {
  mkdirSync(dirname(stepsFile), { recursive: true });
  writeFileSync(stepsFile, JSON.stringify({ ...readSteps(), [key]: step }));
}

/**
 * The authenticator app of one account. The server accepts the code of the current time step or
 * one step either side, but never a step at or before the last one it accepted (no replays):
 * so each code comes from a later step than the one before, waiting for it when need be.
 */
export class Authenticator {
  private readonly secret: Buffer;
  private readonly key: string;

  constructor(secretBase32: string) {
    this.secret = base32Decode(secretBase32);
    this.key = createHash('sha256').update(secretBase32).digest('hex').slice(0, 16);
  }

  /** A code the server has not seen yet. Waits at most one time step (30 s). */
  async nextCode(): Promise<string> {
    for (;;) {
      const current = timeStepAt(new Date());
      const lastStep = readSteps()[this.key];
      const step = lastStep === undefined ? current : Math.max(current, lastStep + 1);
      if (step <= current + 1) {
        recordStep(this.key, step);
        return totpCode(this.secret, step);
      }
      // Bounded: the next step begins within one period.
      await sleep(msUntilNextStep() + 100);
    }
  }

  /** A well-formed code that is wrong for every step the server would accept now. */
  wrongCode(): string {
    const current = timeStepAt(new Date());
    const valid = new Set([-1, 0, 1, 2].map((offset) => totpCode(this.secret, current + offset)));
    for (let n = 0; ; n++) {
      const code = String(n).padStart(6, '0');
      if (!valid.has(code)) return code;
    }
  }
}

function msUntilNextStep(): number {
  const periodMs = TOTP.periodSeconds * 1000;
  return periodMs - (Date.now() % periodMs);
}
