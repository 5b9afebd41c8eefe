import { describe, expect, it } from 'vitest';
import { base32Decode } from './base32.js';
import {
  isWellFormedCode,
  newTotpSecret,
  otpauthUri,
  TOTP,
  type TotpAlgorithm,
  timeStepAt,
  totpCode,
  verifyTotp,
} from './totp.js';

// RFC 6238 Appendix B: each algorithm has its own seed, the ASCII digits repeated to the hash length.
const SEEDS: Readonly<Record<TotpAlgorithm, Buffer>> = {
  SHA1: Buffer.from('12345678901234567890'),
  SHA256: Buffer.from('12345678901234567890123456789012'),
  SHA512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};

const APPENDIX_B: readonly (readonly [seconds: number, code: string, algorithm: TotpAlgorithm])[] = [
  [59, '94287082', 'SHA1'],
  [59, '46119246', 'SHA256'],
  [59, '90693936', 'SHA512'],
  [1111111109, '07081804', 'SHA1'],
  [1111111109, '68084774', 'SHA256'],
  [1111111109, '25091201', 'SHA512'],
  [1111111111, '14050471', 'SHA1'],
  [1111111111, '67062674', 'SHA256'],
  [1111111111, '99943326', 'SHA512'],
  [1234567890, '89005924', 'SHA1'],
  [1234567890, '91819424', 'SHA256'],
  [1234567890, '93441116', 'SHA512'],
  [2000000000, '69279037', 'SHA1'],
  [2000000000, '90698825', 'SHA256'],
  [2000000000, '38618901', 'SHA512'],
  [20000000000, '65353130', 'SHA1'],
  [20000000000, '77737706', 'SHA256'],
  [20000000000, '47863826', 'SHA512'],
];

const secret = SEEDS.SHA1;
const at = (seconds: number) => new Date(seconds * 1000);

describe('totpCode', () => {
  it.each(APPENDIX_B)('RFC 6238 Appendix B: T=%i gives %s with %s', (seconds, code, algorithm) => {
    expect(totpCode(SEEDS[algorithm], timeStepAt(at(seconds)), 8, algorithm)).toBe(code);
  });

  it('gives the RFC 4226 Appendix D HOTP values with the defaults', () => {
    const codes = Array.from({ length: 10 }, (_, counter) => totpCode(secret, counter));
    expect(codes).toEqual([
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ]);
  });

  it('takes a secret of exactly 128 bits, the least RFC 4226 allows', () => {
    expect(totpCode(Buffer.alloc(16, 7), 1)).toMatch(/^[0-9]{6}$/);
  });

  it('refuses short secrets, bad steps, digit counts and algorithms', () => {
    expect(() => totpCode(Buffer.alloc(15), 1)).toThrow('TOTP secret under 16 bytes');
    // Refused by the check itself, not by what the counter's encoding would make of them.
    expect(() => totpCode(secret, -1)).toThrow('invalid time step -1');
    expect(() => totpCode(secret, 1.5)).toThrow('invalid time step 1.5');
    expect(() => totpCode(secret, 1, 5)).toThrow(RangeError);
    expect(() => totpCode(secret, 1, 9)).toThrow(RangeError);
    expect(() => totpCode(secret, 1, 6, 'MD5' as TotpAlgorithm)).toThrow(RangeError);
  });
});

describe('timeStepAt', () => {
  it('counts 30-second steps from the Unix epoch', () => {
    expect(timeStepAt(at(0))).toBe(0);
    expect(timeStepAt(at(29.999))).toBe(0);
    expect(timeStepAt(at(30))).toBe(1);
    expect(timeStepAt(at(1111111109))).toBe(0x23523ec);
  });

  it('refuses an invalid date', () => {
    expect(() => timeStepAt(new Date(Number.NaN))).toThrow('invalid date');
  });
});

describe('newTotpSecret', () => {
  it('returns 20 fresh random bytes', () => {
    const a = newTotpSecret();
    expect(a).toHaveLength(20);
    expect(a.equals(newTotpSecret())).toBe(false);
  });
});

describe('isWellFormedCode', () => {
  it('accepts exactly six ASCII digits', () => {
    expect(isWellFormedCode('000000')).toBe(true);
    expect(isWellFormedCode('123456')).toBe(true);
  });

  it.each([
    '',
    '12345',
    '1234567',
    '12 3456',
    ' 123456',
    '123456 ',
    '123456\n',
    'abcdef',
    '１２３４５６',
    '١٢٣٤٥٦',
    '-12345',
    '12345.',
  ])('refuses %j', (code) => {
    expect(isWellFormedCode(code)).toBe(false);
  });
});

describe('verifyTotp', () => {
  // A constant, not timeStepAt(now): work done while the tests are collected fails them all at once,
  // hiding which one catches a fault.
  const now = at(1_700_000_015); // the middle of step 56 666 667
  const step = 56_666_667;

  it('accepts the current step and one either side, and reports which', () => {
    for (const offset of [-1, 0, 1]) {
      expect(verifyTotp(secret, totpCode(secret, step + offset), now, null)).toEqual({
        ok: true,
        step: step + offset,
      });
    }
  });

  it('refuses codes two steps away', () => {
    expect(verifyTotp(secret, totpCode(secret, step - 2), now, null)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCode(secret, step + 2), now, null)).toEqual({ ok: false });
  });

  it('refuses a wrong code and a code made with another secret', () => {
    const code = totpCode(secret, step);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(secret, wrong, now, null)).toEqual({ ok: false });
    expect(verifyTotp(SEEDS.SHA256, code, now, null)).toEqual({ ok: false });
  });

  it('refuses a replayed code, and older codes once a newer one was used', () => {
    const code = totpCode(secret, step);
    const first = verifyTotp(secret, code, now, null);
    expect(first).toEqual({ ok: true, step });
    expect(verifyTotp(secret, code, now, step)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCode(secret, step - 1), now, step)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCode(secret, step + 1), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses even the current code after the next step was used', () => {
    expect(verifyTotp(secret, totpCode(secret, step), now, step + 1)).toEqual({ ok: false });
  });

  it.each(['12345', '1234567', '12 3456', 'abcdef', '１２３４５６'])(
    'refuses the malformed code %j',
    (code) => {
      expect(verifyTotp(secret, code, now, null)).toEqual({ ok: false });
    },
  );

  it('refuses the current code with a space in it', () => {
    const code = totpCode(secret, step);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toEqual({ ok: false });
  });

  it('works in the first step after the epoch', () => {
    expect(verifyTotp(secret, totpCode(secret, 0), at(10), null)).toEqual({ ok: true, step: 0 });
  });
});

describe('otpauthUri', () => {
  it('builds the key URI authenticator apps scan', () => {
    const uri = otpauthUri({ issuer: 'mona', accountName: 'anna.svensson', secret });
    expect(uri).toBe(
      'otpauth://totp/mona:anna.svensson?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' +
        '&issuer=mona&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('percent-encodes the issuer and account name, spaces as %20', () => {
    const uri = otpauthUri({ issuer: 'Statistik Ö&Co', accountName: 'åsa+test@example.se', secret });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Statistik%20%C3%96%26Co:%C3%A5sa%2Btest%40example\.se\?secret=/);
    const parsed = new URL(uri);
    expect(parsed.searchParams.get('issuer')).toBe('Statistik Ö&Co');
    expect(base32Decode(parsed.searchParams.get('secret') ?? '')).toEqual(secret);
    expect(parsed.searchParams.get('algorithm')).toBe(TOTP.algorithm);
  });

  it('refuses a colon or an empty value in issuer or account name, and a short secret', () => {
    expect(() => otpauthUri({ issuer: 'a:b', accountName: 'x', secret })).toThrow(/colon/);
    expect(() => otpauthUri({ issuer: 'mona', accountName: 'x:y', secret })).toThrow(/colon/);
    expect(() => otpauthUri({ issuer: ' ', accountName: 'x', secret })).toThrow(/non-empty/);
    expect(() => otpauthUri({ issuer: 'mona', accountName: '', secret })).toThrow(/non-empty/);
    expect(() => otpauthUri({ issuer: 'mona', accountName: 'x', secret: Buffer.alloc(10) })).toThrow(
      /secret/,
    );
  });
});
