import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import type { CountryGate } from '../entry/approved-country.js';
import type { Mailer } from '../notify/mailer.js';
import type { BankIdBroker } from './bankid/bankid-broker.js';

/** Where a service reports what went wrong but does not stop it, such as a mail not sent. */
export interface WarningLog {
  warn(details: object, message: string): void;
}

/** What the identity routes need, passed in explicitly. */
export interface IdentityDeps {
  db: Db;
  settings: Config['identity'];
  operator: Config['operator'];
  gate: CountryGate;
  /** Sends mail, or null where none can be sent (then the mail is logged as not sent). */
  mailer: Mailer | null;
  /** The address people reach mona at, for links in mail. */
  publicUrl: string;
  /** The BankID identity broker, or null where BankID is not offered. */
  bankid: BankIdBroker | null;
  now: () => Date;
}
