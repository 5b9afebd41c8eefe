import { randomBytes } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { startDevIdp } from '../dev-idp/dev-idp.js';
import { type BankIdBroker, createBankIdBroker } from '../identity/bankid/bankid-broker.js';
import { BANKID_CALLBACK_PATH } from '../identity/bankid/bankid-login.js';

export interface BankIdSetup {
  broker: BankIdBroker | null;
  /** The development broker's address, when `mona start` runs one. */
  devIdpIssuer: string | null;
  close(): Promise<void>;
}

/**
 * The configured identity broker; or, for `mona start` outside production
 * with none configured, the development broker, started here and trusted
 * through a client made up for this run.
 */
export async function setUpBankId(
  config: Config,
  mode: 'start' | 'serve',
  publicUrl: string,
): Promise<BankIdSetup> {
  if (config.bankid)
    return { broker: createBankIdBroker(config.bankid), devIdpIssuer: null, close: async () => {} };
  if (mode === 'serve' || config.environment === 'production') {
    return { broker: null, devIdpIssuer: null, close: async () => {} };
  }
  const client = {
    clientId: 'mona-start',
    clientSecret: randomBytes(24).toString('base64url'),
    redirectUris: [new URL(BANKID_CALLBACK_PATH, publicUrl).href],
  };
  const devIdp = await startDevIdp({
    port: 0,
    operatorName: config.operator.name,
    clients: [client],
    environment: config.environment,
  });
  const broker = createBankIdBroker({
    issuer: devIdp.issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    scopes: ['openid', 'profile'],
    claims: { personalIdentityNumber: 'personal_identity_number', name: 'name' },
    timeoutSeconds: 10,
  });
  return { broker, devIdpIssuer: devIdp.issuer, close: () => devIdp.close() };
}
