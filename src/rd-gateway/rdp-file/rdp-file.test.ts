import { describe, expect, it } from 'vitest';
import { EXAMPLE_RDP_INPUT } from '../../../test/rdp-signature.js';
import { buildRdpFile } from './rdp-file.js';

const input = EXAMPLE_RDP_INPUT;

describe('buildRdpFile', () => {
  it('writes exactly the properties of the design notes, one per CRLF-terminated line', () => {
    const { content } = buildRdpFile(input);
    expect(content.endsWith('\r\n')).toBe(true);
    expect(content.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(content.split('\r\n').slice(0, -1)).toEqual([
      'full address:s:10.0.2.11:3389',
      'gatewayhostname:s:mona.example.org:443',
      'gatewayusagemethod:i:1',
      'gatewaycredentialssource:i:5',
      'gatewayprofileusagemethod:i:1',
      'gatewayaccesstoken:s:gw-7f3a9c',
      'username:s:r1234\x1fls-51d2e0',
      'enablecredsspsupport:i:0',
      'authentication level:i:2',
      'screen mode id:i:2',
      'use multimon:i:0',
      'redirectclipboard:i:0',
      'redirectprinters:i:0',
      'redirectcomports:i:0',
      'redirectsmartcards:i:0',
      'drivestoredirect:s:',
      'devicestoredirect:s:',
      'audiomode:i:2',
      'audiocapturemode:i:0',
      'redirectposdevices:i:0',
    ]);
  });

  it('names the file launch<8 hex>.rdp, differently each time', () => {
    const names = new Set(Array.from({ length: 20 }, () => buildRdpFile(input).name));
    for (const name of names) expect(name).toMatch(/^launch[0-9a-f]{8}\.rdp$/);
    expect(names.size).toBe(20);
  });

  it('keeps non-ASCII values as they are (the file is UTF-8)', () => {
    expect(buildRdpFile({ ...input, gatewayToken: 'åäö' }).content).toContain('gatewayaccesstoken:s:åäö\r\n');
  });

  const fields = ['sessionHost', 'gatewayHost', 'gatewayToken', 'username', 'logonSecret'] as const;
  it.each(
    fields.flatMap((field) => ['\r', '\n', '\0', '\r\nredirectdrives:i:1'].map((bad) => ({ field, bad }))),
  )('refuses $field containing $bad', ({ field, bad }) => {
    expect(() => buildRdpFile({ ...input, [field]: `x${bad}y` })).toThrow(`${field} must be`);
  });

  it.each(fields)('refuses an empty %s', (field) => {
    expect(() => buildRdpFile({ ...input, [field]: '' })).toThrow(`${field} must be`);
  });

  it.each(['username', 'logonSecret'] as const)('refuses the token separator 0x1F in %s', (field) => {
    expect(() => buildRdpFile({ ...input, [field]: 'a\x1fb' })).toThrow(`${field} must be`);
  });

  it.each([0, 65536, 3389.5, Number.NaN])('refuses port %s', (port) => {
    expect(() => buildRdpFile({ ...input, port })).toThrow(/port/);
  });
});
