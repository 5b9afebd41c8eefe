import { existsSync } from 'node:fs';
import { DEMO_ACCOUNTS } from '../../demo/demo-fixture.js';
import { type DemoSummary, demoLoginsFile } from '../../demo/seed-demo.js';
import type { LocalHostState } from '../../runtime/local-host.js';

/** What `mona start` prints: where to go, and on the first run how to log in as each demo account. */
export function startBanner(input: {
  url: string;
  dataDir: string;
  database: string;
  logFile: string | null;
  demo: DemoSummary | null;
  mailCaught: boolean;
  devIdp: string | null;
  testSignaturesOnly: boolean;
  asRoot: boolean;
  desktops: LocalHostState | null;
  /** The RD gateway's address when RDP files are on, and what to know about its certificates. */
  rdp: { gateway: string | null; note: string | null };
}): string {
  const lines = [
    `mona is ready at ${input.url}`,
    `  data directory  ${input.dataDir}`,
    `  database        ${input.database}`,
    ...(input.logFile ? [`  log file        ${input.logFile}`] : []),
    ...(input.mailCaught
      ? ['  mail            caught locally; support staff read it under "Caught mail"']
      : []),
    ...(input.devIdp
      ? [`  BankID          the development broker at ${input.devIdp} (a test service: test persons only)`]
      : []),
    ...(input.testSignaturesOnly
      ? ['  virus scan      ClamAV with a test signature only (EICAR): run freshclam for real signatures']
      : []),
    input.asRoot
      ? '  vault           Unix accounts and groups keep projects and users apart'
      : '  vault           not running as root: same folders, but no Unix accounts or groups keep projects apart',
    ...(input.desktops
      ? [
          input.desktops.running
            ? `  desktops        a session host on this machine (log: ${input.desktops.logFile})`
            : `  desktops        none: ${input.desktops.why}`,
        ]
      : []),
    input.rdp.gateway
      ? `  RDP files       through the RD gateway on ${input.rdp.gateway}`
      : '  RDP files       off',
    ...(input.rdp.note ? [`                  ${input.rdp.note}`] : []),
    `  demo project    P0001 "Demo register study" (synthetic data${input.demo ? ', created now' : ''})`,
  ];
  if (input.demo) {
    lines.push(
      '  demo accounts   (add the TOTP secret to an authenticator app, e.g. Google Authenticator)',
      ...input.demo.logins.map(
        (login) =>
          `    ${login.username.padEnd(16)} ${login.description.padEnd(28)} password ${login.password}  TOTP secret ${login.totpSecret}`,
      ),
    );
    if (input.demo.loginsFile) lines.push(`  (also written to ${input.demo.loginsFile})`);
  } else {
    const file = demoLoginsFile(input.dataDir);
    lines.push(
      `  demo accounts   ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`,
      existsSync(file) ? `  (passwords and TOTP secrets in ${file})` : '',
    );
  }
  lines.push('Press Ctrl+C to stop.');
  return `${lines.filter((line) => line !== '').join('\n')}\n`;
}
