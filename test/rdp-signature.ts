import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RdpFileInput } from '../src/rd-gateway/rdp-file/rdp-file.js';

/** An RDP file's parts as the design notes' example has them. */
export const EXAMPLE_RDP_INPUT: RdpFileInput = {
  sessionHost: '10.0.2.11',
  port: 3389,
  gatewayHost: 'mona.example.org:443',
  gatewayToken: 'gw-7f3a9c',
  username: 'r1234',
  logonSecret: 'ls-51d2e0',
};

/** Checks an .rdp file's signature as a client does, with the openssl CLI; files go in `dir`. */
export function openssl(...args: string[]) {
  return spawnSync('openssl', args, { encoding: 'utf8' });
}

export function lineOf(file: string, property: string): string {
  const line = file.split('\r\n').find((each) => each.split(':')[0]?.toLowerCase() === property);
  if (line === undefined) throw new Error(`no ${property} in the file`);
  return line;
}

/** What a verifying client rebuilds: the lines signscope names, in its order, then signscope, CRLF, NUL. */
export function signedParts(file: string) {
  const scope = lineOf(file, 'signscope');
  const lines = scope
    .slice('signscope:s:'.length)
    .split(',')
    .map((displayName) => lineOf(file, displayName.toLowerCase()));
  const framed = Buffer.from(lineOf(file, 'signature').slice('signature:s:'.length), 'base64');
  return {
    blob: Buffer.from(`${[...lines, scope].join('\r\n')}\r\n\0`, 'utf16le'),
    header: framed.subarray(0, 12),
    der: framed.subarray(12),
  };
}

export function writeDer(dir: string, file: string): string {
  const derFile = join(dir, 'signature.der');
  writeFileSync(derFile, signedParts(file).der);
  return derFile;
}

/** Whether `openssl cms -verify` accepts the file's signature over what signscope names. */
export function verifiesWithOpenssl(dir: string, file: string, trust = ['-noverify']): boolean {
  const blobFile = join(dir, 'signed.bin');
  writeFileSync(blobFile, signedParts(file).blob);
  const derFile = writeDer(dir, file);
  const args = ['-binary', '-inform', 'DER', '-in', derFile, '-content', blobFile, '-out', '/dev/null'];
  return openssl('cms', '-verify', ...args, ...trust).status === 0;
}
