import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A self-signed certificate and key for 127.0.0.1, made by openssl in `dir` as an operator would. */
export function selfSignedCertificate(dir: string, commonName: string): { cert: Buffer; key: Buffer } {
  const key = join(dir, `${commonName}.key`);
  const cert = join(dir, `${commonName}.pem`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${commonName}`].concat([
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]),
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(cert), key: readFileSync(key) };
}
