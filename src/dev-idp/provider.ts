import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import Provider, { type Configuration } from 'oidc-provider';
import { memoryAdapter } from './memory-adapter.js';
import { endedPage, languageFor } from './pages.js';
import type { TestIdentity } from './test-identities.js';

export interface DevIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** How long a login may take, from the client's request to the approval. */
export const INTERACTION_SECONDS = 600;

/** The session cookie's name; dev-idp.ts hides it from the provider so every login identifies afresh. */
export const SESSION_COOKIE = '_session';

/** What a BankID broker releases: the person, in the ID token itself. */
const PERSON_CLAIMS = ['personal_identity_number', 'name', 'given_name', 'family_name'];

/**
 * An OpenID Connect provider as strict as a production BankID broker: authorization code
 * flow only, PKCE S256 required, ID tokens signed with a key made at each start.
 * `accounts` holds who has identified, by `sub`.
 */
export async function createProvider(
  issuer: string,
  clients: readonly DevIdpClient[],
  accounts: ReadonlyMap<string, TestIdentity>,
): Promise<Provider> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    adapter: memoryAdapter(),
    jwks: {
      keys: [{ ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' }],
    },
    cookies: {
      names: { session: SESSION_COOKIE },
      keys: [randomBytes(32)],
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // client_secret_post is accepted too: oidc-provider takes either for a secret-based client.
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    pkce: { methods: ['S256'], required: () => true },
    // Without offline_access (and the refresh_token grant) no refresh token is ever issued.
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: PERSON_CLAIMS },
    // The person's claims belong in the ID token, not only behind the userinfo endpoint.
    conformIdTokenClaims: false,
    discovery: { ui_locales_supported: ['en', 'sv'] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    // Explicit values also keep oidc-provider from printing notices about its defaults.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 300,
      IdToken: 300,
      Interaction: INTERACTION_SECONDS,
      Session: 600,
      Grant: 600,
    },
    clientBasedCORS: () => false,
    findAccount: (_ctx, sub) => {
      const person = accounts.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          personal_identity_number: person.personalIdentityNumber,
          name: person.name,
          given_name: person.givenName,
          family_name: person.familyName,
        }),
      };
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const detail = out.error_description ? `${out.error}: ${out.error_description}` : out.error;
      ctx.body = endedPage(languageFor(undefined, ctx.get('accept-language')), detail);
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx: unknown, error: Error) => {
    process.stderr.write(`dev-idp: ${error.stack ?? error.message}\n`);
  });
  return provider;
}
