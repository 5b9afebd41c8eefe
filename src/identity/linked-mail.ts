import { accountLinkedMail } from '../notify/messages.js';
import type { IdentityDeps, WarningLog } from './identity-deps.js';

/**
 * Tells the user their account is now linked to a login method (R5, R9). A
 * courtesy: a failure is logged, and the linking stands.
 */
export async function sendAccountLinkedMail(
  deps: Pick<IdentityDeps, 'mailer' | 'operator' | 'publicUrl'>,
  account: { email: string; fullName: string; username: string },
  method: 'otp' | 'bankid',
  log: WarningLog,
): Promise<boolean> {
  if (!deps.mailer) return false;
  try {
    await deps.mailer.send(
      accountLinkedMail({
        to: account.email,
        fullName: account.fullName,
        username: account.username,
        method,
        loginUrl: new URL('/login', deps.publicUrl).toString(),
        operatorName: deps.operator.name,
        supportEmail: deps.operator.supportEmail,
      }),
    );
    return true;
  } catch (error) {
    log.warn({ err: error }, 'the account-linked mail was not sent');
    return false;
  }
}
