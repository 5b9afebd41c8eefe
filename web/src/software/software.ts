import { getJson, isRecord, isString } from '../api/client.js';

export interface CatalogueEntry {
  id: string;
  name: string;
  description: string;
  /** Licences shared by every user; null: unlimited. */
  seats: number | null;
}

function parseEntry(value: unknown): CatalogueEntry | undefined {
  if (!isRecord(value) || !isString(value.id) || !isString(value.name) || !isString(value.description))
    return undefined;
  const { seats } = value;
  if (seats !== null && !(typeof seats === 'number' && Number.isInteger(seats) && seats >= 0))
    return undefined;
  return { id: value.id, name: value.name, description: value.description, seats };
}

export function parseCatalogue(body: unknown): CatalogueEntry[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.software)) return undefined;
  const entries = body.software.map(parseEntry);
  return entries.every((entry) => entry !== undefined) ? (entries as CatalogueEntry[]) : undefined;
}

/** The published catalogue of the remote desktop's software (R19). */
export function fetchCatalogue(): Promise<CatalogueEntry[]> {
  return getJson('/api/software', parseCatalogue, { passive: true });
}
