import { getJson, isRecord, isString } from '../../api/client.js';
import { parseAll } from '../../uploads/uploads.js';

/** A file exported from MONA and approved, ready to download (R24). */
export interface Download {
  id: string;
  name: string;
  bytes: number | null;
}

function parseDownload(value: unknown): Download | undefined {
  if (!isRecord(value) || !isString(value.id) || !isString(value.name)) return undefined;
  return { id: value.id, name: value.name, bytes: typeof value.bytes === 'number' ? value.bytes : null };
}

export function parseDownloads(body: unknown): Download[] | undefined {
  return isRecord(body) ? parseAll(body.downloads, parseDownload) : undefined;
}

export function fetchDownloads(): Promise<Download[]> {
  return getJson('/api/downloads', parseDownloads);
}
