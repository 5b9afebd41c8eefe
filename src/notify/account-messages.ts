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
