import type { OutgoingMail } from './mailer.js';
import { bilingualMail, formatUtc } from './render.js';

export interface DeletionRequestInput {
  fullName: string;
  username: string;
  email: string;
  requestedAt: Date;
  reason: string | null;
  operatorName: string;
  supportEmail: string;
}

/** R31: the confirmation to the user that their order of closure and deletion was received. */
export function deletionConfirmationMail(input: DeletionRequestInput): OutgoingMail {
  const when = formatUtc(input.requestedAt);
  return bilingualMail(input.email, `Avslut av ditt konto / Closing your account – ${input.operatorName}`, {
    sv: [
      `Hej ${input.fullName},`,
      `Vi har tagit emot din beställning (${when}) att ditt konto ${input.username} ska avslutas och raderas. Supporten hanterar den och hör av sig när kontot är avslutat.`,
      `Tänk på att ta hem de resultat du behöver genom exportprogrammet innan kontot avslutas, och att meddela den organisation som ansvarar för dina projekt.`,
      `Var det inte du som beställde detta? Kontakta supporten genast: ${input.supportEmail}`,
      `Med vänlig hälsning\n${input.operatorName}`,
    ],
    en: [
      `Dear ${input.fullName},`,
      `We have received your order (${when}) to close and delete your account ${input.username}. Support will handle it and tell you when the account is closed.`,
      'Remember to export the results you need before the account is closed, and to tell the organisation responsible for your projects.',
      `Did you not order this? Contact support at once: ${input.supportEmail}`,
      `Kind regards\n${input.operatorName}`,
    ],
  });
}

/** R31: the notice to support, who process the closure. */
export function deletionNoticeToSupport(input: DeletionRequestInput): OutgoingMail {
  const when = formatUtc(input.requestedAt);
  const reason = input.reason ? input.reason : '(ingen angiven / none given)';
  return bilingualMail(
    input.supportEmail,
    `Kontoavslut beställt / Account closure ordered: ${input.username}`,
    {
      sv: [
        `${input.fullName} (${input.username}, ${input.email}) beställde ${when} att kontot ska avslutas och raderas.`,
        `Anledning: ${reason}`,
      ],
      en: [
        `${input.fullName} (${input.username}, ${input.email}) ordered at ${when} that the account be closed and deleted.`,
        `Reason: ${reason}`,
      ],
    },
  );
}

export interface AccountLockedMailInput {
  to: string;
  fullName: string;
  username: string;
  until: Date;
  /** The address the wrong codes came from. */
  ip: string;
  operatorName: string;
  supportEmail: string;
}

/**
 * The lock after wrong one-time codes: the password given was right, so if it
 * was not the owner, someone else knows it.
 */
export function accountLockedMail(input: AccountLockedMailInput): OutgoingMail {
  const until = formatUtc(input.until);
  const { fullName, username, ip, operatorName, supportEmail } = input;
  return bilingualMail(input.to, `Inloggningen är spärrad / Logging in is locked – ${operatorName}`, {
    sv: [
      `Hej ${fullName},`,
      `Inloggningen till ditt konto ${username} hos ${operatorName} är spärrad till ${until}, efter flera felaktiga engångskoder från adressen ${ip}. Lösenordet som angavs var rätt.`,
      'Var det du? Vänta tills spärren har släppt och logga in igen med koden som appen visar då.',
      `Var det inte du? Då känner någon annan till ditt lösenord. Kontakta supporten genast, så att lösenordet byts: ${supportEmail}`,
      `Med vänlig hälsning\n${operatorName}`,
    ],
    en: [
      `Dear ${fullName},`,
      `Logging in to your account ${username} at ${operatorName} is locked until ${until}, after several wrong one-time codes from the address ${ip}. The password given was right.`,
      'Was it you? Wait until the lock ends and log in again with the code your app shows then.',
      `Was it not you? Then someone else knows your password. Contact support at once, so that it is changed: ${supportEmail}`,
      `Kind regards\n${operatorName}`,
    ],
  });
}
