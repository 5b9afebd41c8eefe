import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { RdpFiles } from '../desktop/desktop-deps.js';
import {
  generateSelfSignedSigner,
  generateSelfSignedTlsCertificate,
  loadSigner,
} from '../rd-gateway/rdp-file/signing-certificate.js';
import { readTlsFiles } from './process-setup.js';

type PemPair = { certFile: string; keyFile: string };

export interface RdpSetup {
  /** What GET /api/desktop/rdp needs; null when RDP files are off. */
  files: RdpFiles | null;
  gateway: { host: string; port: number; tls: { cert: Buffer; key: Buffer } } | null;
  /** For the start banner and the log: why files are off, or which certificates were made here. */
  note: string | null;
}

/** Where the RD gateway listens: `desktop.rdp.gatewayHost`, or else where the HTTP server does. */
export function gatewayListenHost(config: Config): string {
  return config.desktop.rdp.gatewayHost ?? config.http.host;
}

/**
 * The RD gateway's and the file signer's certificates. `mona serve` takes them from config only; `mona
 * start` makes self-signed ones in `<data-dir>/rdp/` for what config leaves unset, and says so.
 */
export function setUpRdp(
  config: Config,
  dataDir: string,
  mode: 'start' | 'serve',
  publicUrl: string,
): RdpSetup {
  const settings = config.desktop.rdp;
  if (!settings.enabled)
    return { files: null, gateway: null, note: 'RDP files are off (desktop.rdp.enabled)' };
  const publicHost = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  const gatewayHost = settings.gatewayPublicHost ?? `${publicHost}:${settings.gatewayPort}`;
  let gatewayTls = settings.gatewayTls;
  let signing = settings.signing;
  const made: string[] = [];
  if (mode === 'start') {
    if (!gatewayTls) {
      gatewayTls = selfSignedFiles(dataDir, 'gateway', () =>
        generateSelfSignedTlsCertificate(gatewayHost.split(':')[0] ?? publicHost),
      );
      made.push('the RD gateway certificate');
    }
    if (!signing) {
      signing = selfSignedFiles(dataDir, 'signing', () =>
        generateSelfSignedSigner(`${config.operator.name} (mona)`),
      );
      made.push('the RDP file signing certificate');
    }
  }
  if (!gatewayTls || !signing) {
    return {
      files: null,
      gateway: null,
      note: 'RDP files are off: set desktop.rdp.gatewayTls and desktop.rdp.signing',
    };
  }
  const signer = wrap('desktop.rdp.signing', () => loadSigner(signing.certFile, signing.keyFile));
  return {
    files: { signer, gatewayHost, fileSeconds: settings.fileSeconds },
    gateway: {
      host: gatewayListenHost(config),
      port: settings.gatewayPort,
      tls: readTlsFiles(gatewayTls, 'desktop.rdp.gatewayTls'),
    },
    note:
      made.length > 0
        ? `${made.join(' and ')} are self-signed, in ${join(dataDir, 'rdp')}: RDP clients will warn until an operator configures real ones`
        : null,
  };
}

/** A self-signed pair kept across restarts, so that a client told to trust it once stays content. */
export function selfSignedFiles(
  dataDir: string,
  name: string,
  generate: () => { certificatePem: string; privateKeyPem: string },
): PemPair {
  const dir = join(dataDir, 'rdp');
  const files = { certFile: join(dir, `${name}-cert.pem`), keyFile: join(dir, `${name}-key.pem`) };
  if (existsSync(files.certFile) && existsSync(files.keyFile)) return files;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = generate();
  writeFileSync(files.keyFile, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(files.certFile, pair.certificatePem, { mode: 0o644 });
  return files;
}

function wrap<T>(key: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${key}: ${(error as Error).message}`);
  }
}
