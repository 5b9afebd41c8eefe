import { type Download, downloads } from '../../../../src/airlock/upload-contract.js';
import { getJson } from '../../api/client.js';

export type { Download };

export async function fetchDownloads(): Promise<Download[]> {
  return (await getJson('/api/downloads', downloads)).downloads;
}
