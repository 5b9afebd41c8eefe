import { type OfferedLoginMethod, type Operator, type Site, site } from '../../../src/site/site-contract.js';
import { getJson } from '../api/client.js';

export type { OfferedLoginMethod as LoginMethod, Operator, Site };

/** Public settings of this installation. */
export function fetchSite(signal?: AbortSignal): Promise<Site> {
  return getJson('/api/site', site, { signal });
}
