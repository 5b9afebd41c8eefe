import { type Notice, notices } from '../../../src/notices/notice-contract.js';
import { getJson } from '../api/client.js';

export type { Notice };

/** The operator's current notices and planned closures (R18, R33). */
export async function fetchNotices(): Promise<Notice[]> {
  // Public, and not the user's activity: the server does not count it, nor may the page.
  return (await getJson('/api/notices', notices, { passive: true })).notices;
}
