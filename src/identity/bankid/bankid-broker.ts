import * as oidc from 'openid-client';
import type { Config } from '../../config/schema.js';
import { parsePersonalIdentityNumber } from './personal-identity-number.js';

export type BankIdSettings = NonNullable<Config['bankid']>;

/** What mona must keep between sending the user to the broker and their return. */
export interface AuthorizationChecks {
  codeVerifier: string;
  state: string;
  nonce: string;
}

export interface VerifiedIdentity {
  personalIdentityNumber: string;
  name: string;
}

/** Why a return from the broker was refused: for the audit log, never shown in detail. */
export class BankIdRefusal extends Error {
  override name = 'BankIdRefusal';
  constructor(
    readonly reason: 'broker_unavailable' | 'callback_refused' | 'claims_invalid' | 'user_cancelled',
    detail: string,
  ) {
    super(detail);
  }
}

export interface BankIdBroker {
  /** `language`, when known, asks the broker to show its pages in it (`ui_locales`). */
  authorizationRequest(
    redirectUri: string,
    language?: 'en' | 'sv',
  ): Promise<{ url: string; checks: AuthorizationChecks }>;
  /** Redeems the code in the callback URL, checking state, nonce, issuer, audience and expiry. */
  completeAuthorization(
    callbackUrl: URL,
    redirectUri: string,
    checks: AuthorizationChecks,
  ): Promise<VerifiedIdentity>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The relying party of an OpenID Connect identity broker for BankID:
 * authorization code flow with PKCE, state and nonce, through openid-client,
 * which checks the ID token's signature, issuer, audience and expiry.
 */
export function createBankIdBroker(settings: BankIdSettings): BankIdBroker {
  let configuration: Promise<oidc.Configuration> | null = null;
  const timeout = settings.timeoutSeconds;
  const issuer = new URL(settings.issuer);
  // Plain HTTP only to a broker on this machine: the development broker.
  const insecureAllowed = issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.host.replace(/:\d+$/, ''));

  const discover = () => {
    configuration ??= oidc
      .discovery(issuer, settings.clientId, { client_secret: settings.clientSecret }, undefined, {
        timeout,
        ...(insecureAllowed ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        configuration = null; // try again next time
        throw new BankIdRefusal(
          'broker_unavailable',
          `discovery of ${issuer.href} failed: ${(error as Error).message}`,
        );
      });
    return configuration;
  };

  return {
    async authorizationRequest(redirectUri, language) {
      const config = await discover();
      const checks: AuthorizationChecks = {
        codeVerifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes.join(' '),
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
        ...(language ? { ui_locales: language } : {}),
      });
      return { url: url.href, checks };
    },

    async completeAuthorization(callbackUrl, redirectUri, checks) {
      if (callbackUrl.searchParams.get('error') === 'access_denied') {
        throw new BankIdRefusal('user_cancelled', 'the user cancelled at the broker');
      }
      const config = await discover();
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(
          config,
          callbackUrl,
          {
            pkceCodeVerifier: checks.codeVerifier,
            expectedState: checks.state,
            expectedNonce: checks.nonce,
            idTokenExpected: true,
          },
          { redirect_uri: redirectUri },
        );
        claims = tokens.claims();
      } catch (error) {
        const name = (error as Error).name;
        const unreachable = name === 'TimeoutError' || name === 'AbortError' || error instanceof TypeError;
        throw new BankIdRefusal(
          unreachable ? 'broker_unavailable' : 'callback_refused',
          (error as Error).message,
        );
      }
      const pin = parsePersonalIdentityNumber(claims?.[settings.claims.personalIdentityNumber]);
      const name = claims?.[settings.claims.name];
      if (!pin || typeof name !== 'string' || name.trim() === '' || name.length > 200) {
        throw new BankIdRefusal(
          'claims_invalid',
          `the ID token lacks a valid ${settings.claims.personalIdentityNumber} or ${settings.claims.name}`,
        );
      }
      return { personalIdentityNumber: pin, name: name.trim() };
    },
  };
}
