import { randomBytes } from 'node:crypto';
import { type Command, InvalidArgumentError } from 'commander';
import type { Config } from '../../config/schema.js';
import { DevIdpRefused, startDevIdp, TEST_IDENTITIES } from '../../dev-idp/dev-idp.js';
import { BANKID_CALLBACK_PATH } from '../../identity/bankid/bankid-login.js';
import { assertPortFree } from '../../net/ports.js';
import { stopOnSignals } from '../../runtime/process-setup.js';
import { CliError } from '../cli-error.js';
import { parsePort } from '../context.js';
import { configFrom } from '../state-options.js';

interface DevIdpCommandOptions {
  config?: string;
  port?: number;
  clientId?: string;
  clientSecret?: string;
  redirectUri: string[];
}

const HOST = '127.0.0.1';
const DEFAULT_PORT = 8090;

export function registerDevIdpCommand(program: Command): void {
  program
    .command('dev-idp')
    .description(
      'run the development BankID broker (OpenID Connect) on its own: a test service, never production',
    )
    .option('--config <file>', 'YAML configuration file (default: $MONA_CONFIG)')
    .option('--port <n>', `port (default: that of bankid.issuer, else ${DEFAULT_PORT})`, parsePort)
    .option('--client-id <id>', 'the client mona is (default: bankid.clientId, else mona)')
    .option(
      '--client-secret <secret>',
      "the client's secret (default: bankid.clientSecret, else a random one)",
    )
    .option(
      '--redirect-uri <url>',
      "where mona receives the answer; repeatable (default: mona's own)",
      collectUrl,
      [],
    )
    .action((options: DevIdpCommandOptions) => run(options));
}

async function run(options: DevIdpCommandOptions): Promise<void> {
  const config = configFrom({ config: options.config });
  const expected = localBroker(config);
  const port = options.port ?? expected?.port ?? DEFAULT_PORT;
  const client = {
    clientId: options.clientId ?? expected?.clientId ?? 'mona',
    clientSecret: options.clientSecret ?? expected?.clientSecret ?? randomBytes(18).toString('base64url'),
    redirectUris: options.redirectUri.length > 0 ? options.redirectUri : [monaRedirectUri(config)],
  };
  await assertPortFree(HOST, port).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const idp = await startDevIdp({
    host: HOST,
    port,
    operatorName: config.operator.name,
    clients: [client],
    environment: config.environment,
  }).catch((error: unknown) => {
    throw error instanceof DevIdpRefused ? new CliError(error.message) : error;
  });
  stopOnSignals(() => idp.close());
  process.stdout.write(
    [
      `development BankID broker (TEST SERVICE, not real BankID) at ${idp.issuer}`,
      `  discovery      ${idp.issuer}/.well-known/openid-configuration`,
      `  client id      ${client.clientId}`,
      `  client secret  ${client.clientSecret}`,
      ...client.redirectUris.map((uri) => `  redirect URI   ${uri}`),
      '  test persons',
      ...TEST_IDENTITIES.map((person) => `    ${person.personalIdentityNumber}  ${person.name}`),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

/** The broker the configuration expects, when it is one on this machine: this command can be it. */
function localBroker(config: Config): { port: number; clientId: string; clientSecret: string } | null {
  if (!config.bankid) return null;
  const issuer = new URL(config.bankid.issuer);
  if (issuer.protocol !== 'http:' || issuer.hostname !== HOST) return null;
  const { clientId, clientSecret } = config.bankid;
  return { port: Number(issuer.port || 80), clientId, clientSecret };
}

function monaRedirectUri(config: Config): string {
  const { publicUrl, tls, host, port } = config.http;
  return new URL(BANKID_CALLBACK_PATH, publicUrl ?? `${tls ? 'https' : 'http'}://${host}:${port}`).href;
}

function collectUrl(value: string, previous: string[]): string[] {
  if (!URL.canParse(value)) throw new InvalidArgumentError('must be a URL');
  return [...previous, value];
}
