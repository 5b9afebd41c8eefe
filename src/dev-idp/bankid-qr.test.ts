import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bankIdQrContent, qrContentAt, startOrder } from './bankid-qr.js';

// The example order in BankID's Relying Party Guidelines (RP API v6).
const TOKEN = '67df3917-fa0d-44e5-b327-edcc928297f8';
const SECRET = 'd28db9a7-4cde-429e-a983-359be676944c';

describe('bankIdQrContent', () => {
  it('matches the vectors of the BankID guidelines', () => {
    expect(bankIdQrContent(TOKEN, SECRET, 0)).toBe(
      `bankid.${TOKEN}.0.dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8`,
    );
    expect(bankIdQrContent(TOKEN, SECRET, 1)).toBe(
      `bankid.${TOKEN}.1.949d559bf23403952a94d103e67743126381eda00f0b3cbddbf7c96b1adcbce2`,
    );
    expect(bankIdQrContent(TOKEN, SECRET, 2)).toBe(
      `bankid.${TOKEN}.2.a9e5ec59cb4eee4ef4117150abc58fad7a85439a6a96ccbecc3668b41795b3f3`,
    );
  });

  it('is the HMAC-SHA256 of the decimal seconds under the secret', () => {
    const token = randomUUID();
    const secret = randomUUID();
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update('137', 'utf8').digest('hex');
    expect(bankIdQrContent(token, secret, 137)).toBe(`bankid.${token}.137.${expected}`);
  });
});

describe('qrContentAt', () => {
  it('counts whole seconds since the order started', () => {
    const order = startOrder(1_000_000);
    const { qrStartToken, qrStartSecret } = order;
    expect(qrContentAt(order, 1_000_999)).toBe(bankIdQrContent(qrStartToken, qrStartSecret, 0));
    expect(qrContentAt(order, 1_003_500)).toBe(bankIdQrContent(qrStartToken, qrStartSecret, 3));
  });
});
