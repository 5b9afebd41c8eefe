import { getJson, isRecord, isString } from '../api/client.js';

export interface Notice {
  id: string;
  en: string;
  sv: string;
  closure: { from: string; until: string } | null;
}

function parseNotice(value: unknown): Notice | undefined {
  if (!isRecord(value) || !isString(value.id) || !isString(value.en) || !isString(value.sv)) return undefined;
  const closure = value.closure;
  if (closure !== null && !(isRecord(closure) && isString(closure.from) && isString(closure.until)))
    return undefined;
  return {
    id: value.id,
    en: value.en,
    sv: value.sv,
    closure: closure ? { from: closure.from as string, until: closure.until as string } : null,
  };
}

export function parseNotices(body: unknown): Notice[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.notices)) return undefined;
  const notices = body.notices.map(parseNotice);
  return notices.every((n) => n !== undefined) ? (notices as Notice[]) : undefined;
}

/** The operator's current notices and planned closures (R18, R33). */
export function fetchNotices(): Promise<Notice[]> {
  // Public, and not the user's activity: the server does not count it, nor may the page.
  return getJson('/api/notices', parseNotices, { passive: true });
}
