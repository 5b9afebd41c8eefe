import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EXAMPLE_RDP_INPUT,
  lineOf,
  openssl,
  signedParts,
  verifiesWithOpenssl,
  writeDer,
} from '../../../test/rdp-signature.js';
import { buildRdpFile } from './rdp-file.js';
import { signRdpFile } from './rdp-sign.js';
import { generateSelfSignedSigner, loadSigner } from './signing-certificate.js';

const dir = mkdtempSync(join(tmpdir(), 'rdp-sign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signer = generateSelfSignedSigner('mona.example.org');
const { content } = buildRdpFile(EXAMPLE_RDP_INPUT);
const signed = signRdpFile(content, signer);

function setLine(file: string, property: string, line: string): string {
  const edited = file.replace(`${lineOf(file, property)}\r\n`, `${line}\r\n`);
  expect(edited).not.toBe(file);
  return edited;
}

describe('signRdpFile', () => {
  it('signs the secure settings present in rdpsign order, and only those', () => {
    expect(lineOf(signed, 'signscope')).toBe(
      'signscope:s:Full Address,Alternate Full Address,EnableCredSspSupport,GatewayHostname,' +
        'GatewayUsageMethod,GatewayProfileUsageMethod,GatewayCredentialsSource,Authentication Level,' +
        'AudioMode,RedirectPrinters,RedirectCOMPorts,RedirectSmartCards,RedirectPOSDevices,' +
        'RedirectClipboard,DevicesToRedirect,DrivesToRedirect',
    );
  });

  it('keeps the file, adds alternate full address, then signscope and signature, all CRLF', () => {
    const lines = signed.split('\r\n');
    expect(signed.startsWith(content)).toBe(true);
    expect(lines.slice(-4)).toEqual([
      'alternate full address:s:10.0.2.11:3389',
      lineOf(signed, 'signscope'),
      lineOf(signed, 'signature'),
      '',
    ]);
    expect(signed.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('makes a signature openssl verifies over the signed settings', () => {
    expect(verifiesWithOpenssl(dir, signed)).toBe(true);
  });

  it.each([
    ['use multimon', 'use multimon:i:1'],
    ['screen mode id', 'screen mode id:i:1'],
    ['username', 'username:s:someone-else'],
    ['gatewayaccesstoken', 'gatewayaccesstoken:s:another'],
  ])('stays valid when the unsigned %s is edited', (property, line) => {
    expect(verifiesWithOpenssl(dir, setLine(signed, property, line))).toBe(true);
  });

  it.each([
    ['full address', 'full address:s:203.0.113.9:3389'],
    ['gatewayhostname', 'gatewayhostname:s:evil.example.net:443'],
    ['alternate full address', 'alternate full address:s:203.0.113.9:3389'],
    ['redirectclipboard', 'redirectclipboard:i:1'],
    ['drivestoredirect', 'drivestoredirect:s:*'],
    ['signscope', 'signscope:s:Full Address,Alternate Full Address'],
  ])('breaks when the signed %s is edited', (property, line) => {
    expect(verifiesWithOpenssl(dir, setLine(signed, property, line))).toBe(false);
  });

  it('frames the DER with rdpsign header: 0x00010001, 1, DER length', () => {
    const { header, der } = signedParts(signed);
    expect([header.readUInt32LE(0), header.readUInt32LE(4), header.readUInt32LE(8)]).toEqual([
      0x00010001,
      1,
      der.length,
    ]);
  });

  it('is a detached SHA-256/RSA SignedData without signed attributes, carrying the signer certificate', () => {
    const derFile = writeDer(dir, signed);
    const printed = openssl('cms', '-cmsout', '-print', '-inform', 'DER', '-in', derFile).stdout;
    expect(printed).toContain('eContent: <ABSENT>');
    expect(printed).toMatch(/^\s*signedAttrs:\s*<ABSENT>/m); // not unsignedAttrs
    expect(printed).toMatch(/digestAlgorithm:\s*algorithm: sha256 /);
    expect(printed).toMatch(/signatureAlgorithm:\s*algorithm: rsaEncryption /);
    const certificates = openssl('pkcs7', '-inform', 'DER', '-in', derFile, '-print_certs').stdout;
    expect(pemBodies(certificates)).toEqual(pemBodies(signer.certificatePem));
  });

  it('gives the same file when signing a signed file again', () => {
    expect(signRdpFile(signed, signer)).toBe(signed);
  });

  it('replaces the old signature when re-signing', () => {
    const other = generateSelfSignedSigner('other.example.org');
    const edited = setLine(signed, 'gatewayhostname', 'gatewayhostname:s:gw2.example.org:443');
    const resigned = signRdpFile(edited, other);
    expect(resigned.match(/^signscope:/gm)).toHaveLength(1);
    expect(resigned.match(/^signature:/gm)).toHaveLength(1);
    expect(resigned.match(/^alternate full address:/gm)).toHaveLength(1);
    expect(verifiesWithOpenssl(dir, resigned)).toBe(true);
    const certificates = openssl(
      'pkcs7',
      '-inform',
      'DER',
      '-in',
      writeDer(dir, resigned),
      '-print_certs',
    ).stdout;
    expect(pemBodies(certificates)).toEqual(pemBodies(other.certificatePem));
  });

  it('keeps an existing alternate full address and signs it', () => {
    const withAlternate = `${content}alternate full address:s:10.0.2.12:3389\r\n`;
    const result = signRdpFile(withAlternate, signer);
    expect(result.match(/^alternate full address:/gm)).toHaveLength(1);
    expect(lineOf(result, 'alternate full address')).toBe('alternate full address:s:10.0.2.12:3389');
    expect(verifiesWithOpenssl(dir, result)).toBe(true);
  });

  it('refuses a file without full address, or with a secure setting twice', () => {
    expect(() => signRdpFile('gatewayhostname:s:a:443\r\n', signer)).toThrow(/full address/);
    expect(() => signRdpFile(`${content}redirectclipboard:i:1\r\n`, signer)).toThrow(/redirectclipboard/);
  });

  it('carries the intermediates of a CA-issued certificate, so the chain verifies to the root', () => {
    const ca = caIssuedSigner();
    const file = signRdpFile(content, ca.signer);
    expect(verifiesWithOpenssl(dir, file, ['-CAfile', ca.rootFile, '-purpose', 'any'])).toBe(true);
    const otherRoot = join(dir, 'other-root.pem');
    writeFileSync(otherRoot, signer.certificatePem);
    expect(verifiesWithOpenssl(dir, file, ['-CAfile', otherRoot, '-purpose', 'any'])).toBe(false);
  });
});

function pemBodies(pem: string): string[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((match) =>
    (match[1] ?? '').replace(/\s/g, ''),
  );
}

/** root -> intermediate -> code-signing leaf, made with the openssl CLI; the signer file holds leaf + intermediate. */
function caIssuedSigner() {
  const path = (name: string) => join(dir, name);
  writeFileSync(
    path('ext.cnf'),
    '[ca]\nbasicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign\n[leaf]\nextendedKeyUsage=codeSigning\n',
  );
  // The temporary directory has no spaces, so each command can be written as one string.
  const run = (command: string) => {
    const result = openssl(...command.split(' '));
    if (result.status !== 0) throw new Error(result.stderr);
  };
  const issue = (name: string, issuer: string, section: string, serial: number) => {
    run(
      `req -new -newkey rsa:2048 -nodes -subj /CN=${name} -keyout ${path(name)}.key -out ${path(name)}.csr`,
    );
    run(
      `x509 -req -in ${path(name)}.csr -CA ${path(issuer)}.pem -CAkey ${path(issuer)}.key -set_serial ${serial} ` +
        `-days 2 -extfile ${path('ext.cnf')} -extensions ${section} -out ${path(name)}.pem`,
    );
  };
  run(
    `req -x509 -newkey rsa:2048 -nodes -subj /CN=root -days 2 -keyout ${path('root')}.key -out ${path('root')}.pem`,
  );
  issue('intermediate', 'root', 'ca', 2);
  issue('leaf', 'intermediate', 'leaf', 3);
  writeFileSync(
    path('chain.pem'),
    readFileSync(`${path('leaf')}.pem`, 'utf8') + readFileSync(`${path('intermediate')}.pem`, 'utf8'),
  );
  return { signer: loadSigner(path('chain.pem'), `${path('leaf')}.key`), rootFile: `${path('root')}.pem` };
}
