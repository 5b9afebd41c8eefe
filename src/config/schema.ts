import { z } from 'zod';
import { DEFAULT_ALLOWED_TYPES } from '../airlock/upload-types.js';
import { CRASH_POINT_NAMES } from '../runtime/crash-points.js';

const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const nonEmpty = (max: number) =>
  z
    .string({ error: `must be a text of 1 to ${max} characters` })
    .trim()
    .min(1, { error: `must be a text of 1 to ${max} characters` })
    .max(max, { error: `must be a text of 1 to ${max} characters` });

const email = z.email({ error: 'must be an e-mail address such as support@example.org' });
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const filePath = nonEmpty(4096);
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// URL' });

// An IPv4/IPv6 address, optionally with a CIDR prefix length.
const ipOrCidr = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: 'must be an IP address or CIDR range such as 10.0.0.0/8',
});

/** EU and EEA members, and countries with an EU adequacy decision; never the USA or Canada (R3). */
export const DEFAULT_ALLOWED_COUNTRIES = [
  // EU
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'AX',
  // EEA
  'IS',
  'LI',
  'NO',
  // adequacy decisions
  'AD',
  'AR',
  'FO',
  'GG',
  'IL',
  'IM',
  'JP',
  'JE',
  'NZ',
  'KR',
  'CH',
  'GB',
  'UY',
];

const countryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'must be a two-letter country code such as SE' });

const seconds = (min: number, max: number) => wholeNumber(min, max);

// Passwords tried without a login following, before each further try waits (1 s, doubling, up to the most).
const guessDelays = (defaults: { freeGuesses: number; maxDelaySeconds: number }) =>
  z
    .strictObject({
      freeGuesses: wholeNumber(1, 1000).default(defaults.freeGuesses),
      maxDelaySeconds: seconds(1, 86_400).default(defaults.maxDelaySeconds),
    })
    .prefault({});

const settingsSchema = z.strictObject({
  // "production" forbids the test services (the development BankID broker).
  environment: z
    .enum(['production', 'staging', 'development', 'test'], {
      error: 'must be one of production, staging, development, test',
    })
    .default('development'),
  dataDir: nonEmpty(4096).default('./var'),
  operator: z
    .strictObject({
      name: nonEmpty(100).default('Demo Statistics Office'),
      shortName: nonEmpty(20).default('DSO'),
      logoFile: filePath.nullable().default(null),
      supportEmail: email.default('support@mona.example'),
      supportPhone: nonEmpty(40).nullable().default(null),
      websiteUrl: httpUrl.nullable().default(null),
    })
    .prefault({}),
  http: z
    .strictObject({
      host: nonEmpty(255).default('127.0.0.1'),
      port: wholeNumber(1, 65535).default(8080),
      publicUrl: httpUrl.nullable().default(null),
      tls: z.strictObject({ certFile: filePath, keyFile: filePath }).nullable().default(null),
      trustedProxies: z
        .array(ipOrCidr, { error: 'must be a list of IP addresses or CIDR ranges' })
        .default([]),
      bodyLimitBytes: wholeNumber(1024, 1024 ** 3).default(1024 * 1024),
    })
    .prefault({}),
  database: z
    .strictObject({
      url: postgresUrl.nullable().default(null),
      // The tables' owner, for migrations; the platform itself connects with `url`, a role that owns nothing.
      migrationUrl: postgresUrl.nullable().default(null),
      poolSize: wholeNumber(1, 200).default(10),
    })
    .refine((database) => database.migrationUrl === null || database.url !== null, {
      error:
        'migrationUrl needs url too: the platform connects with url, and migrations grant that role its rights',
      path: ['migrationUrl'],
    })
    .prefault({}),
  audit: z
    .strictObject({
      // Signed checkpoints of the chain's head, kept outside the database (docs/operations.md).
      checkpoints: z
        .strictObject({
          // The Ed25519 private key that signs them (mona admin audit keygen); null:
          // <dataDir>/audit/checkpoint-key.pem, which mona start makes when missing.
          keyFile: filePath.nullable().default(null),
          // The public key verify checks them with; null: the one of keyFile.
          publicKeyFile: filePath.nullable().default(null),
          // JSON lines, appended to; null: <dataDir>/audit/checkpoints.jsonl.
          file: filePath.nullable().default(null),
          intervalMinutes: wholeNumber(1, 1440).default(10),
        })
        .prefault({}),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          error: 'must be one of fatal, error, warn, info, debug, trace, silent',
        })
        .default('info'),
      file: filePath.nullable().default(null),
    })
    .prefault({}),
  web: z
    .strictObject({
      defaultLanguage: z.enum(['en', 'sv'], { error: 'must be en or sv' }).default('en'),
    })
    .prefault({}),
  access: z
    .strictObject({
      allowedCountries: z
        .array(countryCode)
        .refine((codes) => !codes.includes('US') && !codes.includes('CA'), {
          error: 'must not include US or CA: the terms of use never allow the USA or Canada',
        })
        .default(DEFAULT_ALLOWED_COUNTRIES),
      // null: allowed by `mona start` (a laptop or demo), refused by `mona serve`.
      allowPrivateNetworks: z.boolean({ error: 'must be true or false' }).nullable().default(null),
      geoip: z
        .strictObject({
          ipv4File: filePath.nullable().default(null),
          ipv6File: filePath.nullable().default(null),
        })
        .prefault({}),
    })
    .prefault({}),
  identity: z
    .strictObject({
      passwordMaxAgeDays: wholeNumber(1, 3650).default(730),
      sessionIdleSeconds: seconds(10, 86_400).default(300),
      sessionWarningSeconds: seconds(5, 3600).default(90),
      enrolmentLinkValidHours: wholeNumber(1, 24 * 90).default(24 * 14),
      loginFlowSeconds: seconds(30, 3600).default(600),
      lockout: z
        .strictObject({
          maxFailures: wholeNumber(1, 100).default(5),
          windowSeconds: seconds(10, 86_400).default(900),
          lockSeconds: seconds(10, 86_400).default(900),
        })
        .prefault({}),
      throttle: z
        .strictObject({
          perIpPerMinute: wholeNumber(1, 10_000).default(30),
          guessWindowSeconds: seconds(60, 86_400).default(3600),
          perAddress: guessDelays({ freeGuesses: 5, maxDelaySeconds: 900 }),
          perUsername: guessDelays({ freeGuesses: 10, maxDelaySeconds: 60 }),
        })
        .prefault({}),
    })
    .prefault({}),
  mail: z
    .strictObject({
      from: nonEmpty(200).nullable().default(null),
      // null: no relay; `mona start` then catches mail itself and shows it to support staff.
      smtp: z
        .strictObject({
          host: nonEmpty(255),
          port: wholeNumber(1, 65535).default(587),
          secure: z.boolean({ error: 'must be true or false' }).default(false),
          user: nonEmpty(255).nullable().default(null),
          password: nonEmpty(1024).nullable().default(null),
        })
        .nullable()
        .default(null),
    })
    .prefault({}),
  // BankID through an OpenID Connect identity broker (R8). null: none, except that `mona start`
  // outside production runs the development broker (`mona dev-idp`) and uses it.
  bankid: z
    .strictObject({
      issuer: httpUrl,
      clientId: nonEmpty(255),
      clientSecret: nonEmpty(1024),
      scopes: z.array(nonEmpty(100)).default(['openid', 'profile']),
      claims: z
        .strictObject({
          personalIdentityNumber: nonEmpty(100).default('personal_identity_number'),
          name: nonEmpty(100).default('name'),
        })
        .prefault({}),
      timeoutSeconds: wholeNumber(1, 120).default(10),
    })
    .nullable()
    .default(null),
  terms: z.strictObject({ directory: filePath.nullable().default(null) }).prefault({}),
  vault: z
    .strictObject({
      root: filePath.nullable().default(null),
      // R21: My Documents per user.
      homeQuotaBytes: wholeNumber(1024 * 1024, 1024 ** 4).default(250 * 1024 * 1024),
      // Enforce the quota inside desktops with a filesystem image per user; null: when running as root.
      quotaImages: z.boolean({ error: 'must be true or false' }).nullable().default(null),
    })
    .prefault({}),
  airlock: z
    .strictObject({
      // Where uploads wait for their checks; null: <dataDir>/quarantine. The serve nodes write there and the
      // workers read, so several machines must share it (never the session hosts).
      quarantineDir: filePath.nullable().default(null),
      // No more than clamscan can scan whole (2,147,483,645 bytes): nothing larger can be checked.
      uploadMaxBytes: wholeNumber(1, 2_147_483_645).default(1024 ** 3),
      allowedTypes: z
        .array(
          z
            .string()
            .regex(/^[a-z0-9]{1,10}$/, { error: 'must be file extensions such as csv, without dots' }),
        )
        .default(DEFAULT_ALLOWED_TYPES),
      archive: z
        .strictObject({
          maxDepth: wholeNumber(0, 5).default(1),
          maxMembers: wholeNumber(1, 100_000).default(1000),
          maxUncompressedBytes: wholeNumber(1, 1024 ** 4).default(4 * 1024 ** 3),
          maxCompressionRatio: wholeNumber(1, 10_000).default(200),
        })
        .prefault({}),
      clamav: z
        .strictObject({
          command: nonEmpty(4096).default('clamscan'),
          // null: ClamAV's own database (kept current by freshclam in production).
          databasePath: filePath.nullable().default(null),
        })
        .prefault({}),
    })
    .prefault({}),
  // Remote desktops (R25, R26): the broker, the browser gateway and the session timers.
  desktop: z
    .strictObject({
      // R25: a connection without keyboard or mouse input for this long is closed; the session stays.
      idleSeconds: seconds(10, 7 * 86_400).default(30 * 60),
      // R26: a session with no connection for this long is ended and its programs stopped.
      disconnectedSeconds: seconds(10, 30 * 86_400).default(16 * 3600),
      ticketSeconds: seconds(5, 600).default(60),
      geometry: z
        .strictObject({
          width: wholeNumber(640, 7680).default(1280),
          height: wholeNumber(480, 4320).default(800),
        })
        .prefault({}),
      // Text pasted from the client into the desktop: off by default; capped and audited when on.
      pasteIn: z
        .strictObject({
          enabled: z.boolean({ error: 'must be true or false' }).default(false),
          maxBytes: wholeNumber(1, 1024 * 1024).default(4096),
        })
        .prefault({}),
      // A host that has not reported for this long is lost, and so are its sessions.
      hostLostSeconds: seconds(10, 3600).default(45),
      // Certificates to trust for agents served over https (e.g. the installation's own CA).
      agentCaFile: filePath.nullable().default(null),
      // RDP files through mona's RD gateway (R15, R16). `mona serve` runs the gateway when both
      // certificates are set; `mona start` makes self-signed ones when they are not.
      rdp: z
        .strictObject({
          enabled: z.boolean({ error: 'must be true or false' }).default(true),
          // Where the gateway listens; null: where the HTTP server does (http.host), so that it opens
          // no interface the operator did not open for the HTTP server (runtime/rdp.ts).
          gatewayHost: nonEmpty(255).nullable().default(null),
          gatewayPort: wholeNumber(1, 65535).default(8443),
          // host[:port] written into files as the gateway; null: publicUrl's host and gatewayPort.
          gatewayPublicHost: z
            .string()
            .regex(/^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$/, { error: 'must be host or host:port' })
            .nullable()
            .default(null),
          gatewayTls: z.strictObject({ certFile: filePath, keyFile: filePath }).nullable().default(null),
          // Signs the files as rdpsign does; clients show the certificate's subject as the publisher.
          signing: z.strictObject({ certFile: filePath, keyFile: filePath }).nullable().default(null),
          // A file opens its tunnel within this long of its download, once.
          fileSeconds: seconds(30, 3600).default(120),
          maxTunnels: wholeNumber(1, 100_000).default(500),
          // Of those, connections one address may have in their handshake (TLS, then MS-TSGU until the
          // tunnel is authorised): one address cannot hold the gateway open half-way.
          maxHandshakesPerAddress: wholeNumber(1, 10_000).default(10),
          // A quiet tunnel sends the client a keepalive this often: some clients read keyboard and
          // mouse only between the gateway's packets (see src/rd-gateway/tsgu/quiet-keepalive.ts).
          keepaliveMilliseconds: wholeNumber(20, 60_000).default(100),
        })
        .prefault({}),
    })
    .prefault({}),
  // `mona host-agent` on a session host.
  hostAgent: z
    .strictObject({
      name: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be lower-case letters, digits and dashes' })
        .nullable()
        .default(null),
      platformUrl: httpUrl.nullable().default(null),
      // The host's secret from `mona admin host add`: in a file readable by root only, or in the
      // environment (MONA_HOST_AGENT__SECRET); never in a config file others can read.
      secret: nonEmpty(200).nullable().default(null),
      secretFile: filePath.nullable().default(null),
      listenHost: nonEmpty(255).default('127.0.0.1'),
      listenPort: wholeNumber(0, 65535).default(8190),
      // How the platform reaches this agent; null: http://<listenHost>:<listenPort>.
      advertiseUrl: httpUrl.nullable().default(null),
      capacity: wholeNumber(0, 10_000).default(10),
      // Serve the platform over https: the relay to desktops and their VNC passwords cross this link.
      tls: z.strictObject({ certFile: filePath, keyFile: filePath }).nullable().default(null),
      heartbeatSeconds: seconds(1, 300).default(10),
      // RDP files (issue 7): this agent runs xrdp on loopback, reached only by RD gateway tunnels
      // through the agent. Null: no RDP on this host. One per machine (xrdp's PAM service and
      // sesman's port are the machine's).
      rdp: z
        .strictObject({
          // The certificate the RDP client sees inside the tunnel.
          certFile: filePath,
          keyFile: filePath,
          port: wholeNumber(1, 65535).default(3389),
          logDir: filePath.default('/var/log/mona'),
        })
        .nullable()
        .default(null),
      runtimeDir: filePath.default('/run/mona/sessions'),
      // OpenGL (GLX, Mesa's software rendering) in desktops, for software that needs it: each desktop's X
      // server then loads Mesa and LLVM, about 10 MB more of its own and 50 MB shared.
      desktopOpenGl: z.boolean().default(false),
      // What one desktop may use of the host (its cgroup), so that none starves the others; null: no limit.
      desktopLimits: z
        .strictObject({
          cpus: z.number().min(0.1).max(1024).nullable().default(2),
          memoryMegabytes: wholeNumber(256, 16 * 1024 * 1024)
            .nullable()
            .default(4096),
        })
        .prefault({}),
    })
    .prefault({}),
  demo: z
    .strictObject({
      persons: wholeNumber(100, 10_000_000).default(50_000),
      seed: wholeNumber(0, 0xffffffff).default(20_260_101),
    })
    .prefault({}),
  jobs: z
    .strictObject({
      // A claimed job is its worker's for this long, renewed while it runs: a dead worker's job is free
      // again this long after the last renewal.
      lockSeconds: seconds(3, 3600).default(30),
    })
    .prefault({}),
  // A test facility (runtime/crash-points.ts): the process kills itself at this named point.
  crashAt: z
    .enum(CRASH_POINT_NAMES, { error: `must be one of ${CRASH_POINT_NAMES.join(', ')}` })
    .nullable()
    .default(null),
});

export const configSchema = settingsSchema.refine(
  (config) => config.crashAt === null || config.environment !== 'production',
  { error: 'crash points are a test facility, never used in production', path: ['crashAt'] },
);

export type Config = z.infer<typeof configSchema>;
