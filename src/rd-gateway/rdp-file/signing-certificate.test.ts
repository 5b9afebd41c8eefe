import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateSelfSignedSigner,
  generateSelfSignedTlsCertificate,
  loadSigner,
} from './signing-certificate.js';

const dir = mkdtempSync(join(tmpdir(), 'rdp-signer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signer = generateSelfSignedSigner('mona.example.org');

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('generateSelfSignedSigner', () => {
  const certificate = new X509Certificate(signer.certificatePem);

  it('makes a self-signed RSA 2048 certificate for the name, valid two years', () => {
    expect(certificate.subject).toBe('CN=mona.example.org');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const days = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / 86_400_000;
    expect([730, 731]).toContain(days);
    expect(Date.parse(certificate.validFrom)).toBeLessThanOrEqual(Date.now());
  });

  it('is a code-signing end-entity certificate signed with SHA-256', () => {
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.3']);
    expect(certificate.ca).toBe(false);
    const text = spawnSync('openssl', ['x509', '-noout', '-text'], {
      input: signer.certificatePem,
      encoding: 'utf8',
    });
    expect(text.stdout).toContain('Signature Algorithm: sha256WithRSAEncryption');
  });

  it('returns the private key of the certificate', () => {
    expect(certificate.checkPrivateKey(createPrivateKey(signer.privateKeyPem))).toBe(true);
  });

  it('keeps a name beyond ASCII intact', () => {
    const named = generateSelfSignedSigner('Mona – åäö');
    expect(new X509Certificate(named.certificatePem).subject).toBe('CN=Mona – åäö');
  });
});

describe('loadSigner', () => {
  const certFile = write('cert.pem', signer.certificatePem);

  it('reads a certificate and its key', () => {
    expect(loadSigner(certFile, write('key.pem', signer.privateKeyPem))).toEqual(signer);
  });

  it('reads a PKCS#1 key and hands it on as PKCS#8', () => {
    const pkcs1 = createPrivateKey(signer.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    expect(loadSigner(certFile, write('key1.pem', pkcs1)).privateKeyPem).toBe(signer.privateKeyPem);
  });

  it('refuses a key that is not the certificate’s', () => {
    const otherKey = write('other.pem', generateSelfSignedSigner('other').privateKeyPem);
    expect(() => loadSigner(certFile, otherKey)).toThrow(
      `${otherKey} is not the private key of the certificate in ${certFile} (CN=mona.example.org)`,
    );
  });

  it('refuses a key that is not RSA', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecKey = write('ec.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect(() => loadSigner(certFile, ecKey)).toThrow(/needs an RSA key, this one is ec/);
  });

  it('names the file it cannot read or parse', () => {
    const missing = join(dir, 'missing.pem');
    expect(() => loadSigner(missing, certFile)).toThrow(`cannot read ${missing}: ENOENT`);
    const garbage = write('garbage.pem', 'not a certificate');
    expect(() => loadSigner(garbage, write('key2.pem', signer.privateKeyPem))).toThrow(`${garbage}: `);
  });
});

describe('generateSelfSignedTlsCertificate', () => {
  it.each(['gateway.example.org', '127.0.0.1'])(
    'serves TLS that a client trusting it accepts for %s',
    async (name) => {
      const tls = generateSelfSignedTlsCertificate(name);
      const server = createServer({ cert: tls.certificatePem, key: tls.privateKeyPem }, (socket) =>
        socket.end('hello'),
      );
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const port = (server.address() as { port: number }).port;
      const isIp = /^[0-9.]+$/.test(name);
      // Node checks the name (or the address) against the certificate's subject alternative names.
      const client = connect({
        host: '127.0.0.1',
        port,
        ca: tls.certificatePem,
        ...(isIp ? {} : { servername: name }),
      });
      const [data] = await once(client, 'data');
      expect(String(data)).toBe('hello');
      expect(client.authorized).toBe(true);
      client.destroy();
      server.close();
    },
  );
});
