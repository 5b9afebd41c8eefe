import { isIP } from 'node:net';

/**
 * The client's address if it is one mona can judge and store, else null. A trusted proxy's
 * X-Forwarded-For becomes the address as sent, so it may be any text ("unknown", "1.2.3.4:80");
 * an IPv6 zone ("fe80::1%eth0") names a local interface, not a client, and PostgreSQL's inet refuses it.
 */
export function usableAddress(address: string | undefined): string | null {
  if (address === undefined || address.includes('%')) return null;
  return isIP(address) === 0 ? null : address;
}
