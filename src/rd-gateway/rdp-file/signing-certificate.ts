import {
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';

/** What signs .rdp files: a certificate (PEM, its intermediates may follow it) and its private key. */
export interface RdpSigner {
  certificatePem: string;
  privateKeyPem: string;
}

/** A self-signed code-signing certificate, for a platform started without one of its own. */
export function generateSelfSignedSigner(commonName: string): RdpSigner {
  return selfSigned(commonName, [
    { name: 'keyUsage', critical: true, digitalSignature: true },
    { name: 'extKeyUsage', codeSigning: true },
  ]);
}

/** A self-signed TLS server certificate for `hostName` (the RD gateway's, a session host's xrdp). */
export function generateSelfSignedTlsCertificate(hostName: string): RdpSigner {
  const isIp = /^[0-9.]+$|:/.test(hostName);
  return selfSigned(hostName, [
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [isIp ? { type: 7, ip: hostName } : { type: 2, value: hostName }] },
  ]);
}

function selfSigned(commonName: string, extensions: object[]): RdpSigner {
  // Node generates the key natively; forge's own RSA generation takes seconds.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  // The leading 01 keeps the DER integer positive.
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`;
  certificate.validity.notBefore = new Date();
  certificate.validity.notAfter = new Date();
  certificate.validity.notAfter.setFullYear(certificate.validity.notBefore.getFullYear() + 2);
  // UTF8String keeps a name beyond ASCII intact (forge's default PrintableString garbles it);
  // @types/node-forge mistypes the field as asn1.Class.
  const name = [{ name: 'commonName', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as number }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    ...extensions,
    { name: 'subjectKeyIdentifier' },
  ]);
  const privateKeyPem = pkcs8Pem(privateKey);
  certificate.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem };
}

/** Reads a signer from PEM files, refusing a key that is not the certificate's. */
export function loadSigner(certFile: string, keyFile: string): RdpSigner {
  const certificatePem = readPem(certFile);
  const keyPem = readPem(keyFile);
  const certificate = parse(certFile, () => new X509Certificate(certificatePem));
  const key = parse(keyFile, () => createPrivateKey(keyPem));
  if (key.asymmetricKeyType !== 'rsa') {
    throw new Error(`${keyFile}: .rdp signing needs an RSA key, this one is ${key.asymmetricKeyType}`);
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new Error(
      `${keyFile} is not the private key of the certificate in ${certFile} (${certificate.subject})`,
    );
  }
  return { certificatePem, privateKeyPem: pkcs8Pem(key) };
}

function readPem(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
}

function parse<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

// forge reads unencrypted PKCS#8, whatever form the key came in.
function pkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}
