import { createHmac, randomUUID } from 'node:crypto';

/** What BankID's RP API v6 returns when an order starts: the two halves of the animated QR code. */
export interface BankIdOrder {
  qrStartToken: string;
  qrStartSecret: string;
  startedAt: number;
}

export function startOrder(now: number): BankIdOrder {
  return { qrStartToken: randomUUID(), qrStartSecret: randomUUID(), startedAt: now };
}

/**
 * The QR code's content `seconds` whole seconds after the order started, as the
 * RP API v6 specifies: the secret never leaves the server, only its HMAC of the time.
 */
export function bankIdQrContent(qrStartToken: string, qrStartSecret: string, seconds: number): string {
  const qrAuthCode = createHmac('sha256', qrStartSecret).update(String(seconds)).digest('hex');
  return `bankid.${qrStartToken}.${seconds}.${qrAuthCode}`;
}

export function qrContentAt(order: BankIdOrder, now: number): string {
  return bankIdQrContent(order.qrStartToken, order.qrStartSecret, Math.floor((now - order.startedAt) / 1000));
}
