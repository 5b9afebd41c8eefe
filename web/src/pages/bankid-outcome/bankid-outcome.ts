import type { Messages } from '../../i18n/en.js';

/** Where the server's BankID callback sends the browser when the login did not end in the portal. */
export const bankIdOutcomes = [
  'requested',
  'failed',
  'cancelled',
  'unavailable',
  'expired',
  'country',
  'closed',
] as const;
export type BankIdOutcome = (typeof bankIdOutcomes)[number];

/** The outcome named in `?outcome=…`; one this version does not know, or none, reads as a failure. */
export function outcomeFrom(search: string): BankIdOutcome {
  const named = new URLSearchParams(search).get('outcome');
  return bankIdOutcomes.find((outcome) => outcome === named) ?? 'failed';
}

export interface OutcomeText {
  title: string;
  text: string;
  help?: string;
  /** `notice` for the recorded link request, which is no failure; `error` for the rest. */
  kind: 'notice' | 'error';
  /** Whether trying again may help: a link to start again; otherwise one to the start page. */
  retry: boolean;
}

export function outcomeText(outcome: BankIdOutcome, t: Messages): OutcomeText {
  const o = t.bankidOutcome;
  switch (outcome) {
    case 'requested':
      return { title: o.requestedTitle, text: o.requested, kind: 'notice', retry: false };
    case 'cancelled':
      return { title: o.cancelledTitle, text: o.cancelled, kind: 'error', retry: true };
    case 'unavailable':
      return { title: o.unavailableTitle, text: t.errors.bankidUnavailable, kind: 'error', retry: true };
    case 'closed':
      return {
        title: t.notices.closedTitle,
        text: t.errors.closedForMaintenance,
        kind: 'error',
        retry: false,
      };
    case 'expired':
      return { title: o.expiredTitle, text: o.expired, kind: 'error', retry: true };
    case 'country':
      return {
        title: t.blocked.title,
        text: t.errors.countryNotApproved,
        help: t.blocked.help,
        kind: 'error',
        retry: false,
      };
    case 'failed':
      return { title: o.failedTitle, text: o.failed, help: o.failedHelp, kind: 'error', retry: true };
  }
}
