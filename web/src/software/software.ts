import { type CatalogueEntry, catalogue } from '../../../src/software/software-contract.js';
import { getJson } from '../api/client.js';

export type { CatalogueEntry };

/** The published catalogue of the remote desktop's software (R19). */
export async function fetchCatalogue(): Promise<CatalogueEntry[]> {
  return (await getJson('/api/software', catalogue, { passive: true })).software;
}
