import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { DesktopSpec } from '../agent-api/desktop-spec.js';
import { writeFileAtomic } from '../storage/atomic-write.js';

/**
 * The locale of a desktop in each of the portal's languages. Programs translate their menus only under a
 * locale of the language: with C.UTF-8, gettext ignores LANGUAGE and everything stays English. Swedish also
 * brings Swedish dates and sorting; English keeps the C locale, which every host has.
 */
export const SESSION_LOCALES: Record<DesktopSpec['language'], string> = {
  sv: 'sv_SE.UTF-8',
  en: 'C.UTF-8',
};

/** The environment that sets a desktop's language. */
export function localeEnvironment(language: DesktopSpec['language']): { LANG: string; LANGUAGE: string } {
  return { LANG: SESSION_LOCALES[language], LANGUAGE: language === 'sv' ? 'sv:en' : 'en' };
}

/** `locale -a` spells "sv_SE.UTF-8" as "sv_SE.utf8". */
function normalised(locale: string): string {
  return locale.toLowerCase().replace('utf-8', 'utf8');
}

/** The desktops' locales that this host has not generated (from `locale -a`'s list). */
export function missingSessionLocales(available: string[] = availableLocales()): string[] {
  const have = new Set(available.map(normalised));
  return Object.values(SESSION_LOCALES).filter((locale) => !have.has(normalised(locale)));
}

function availableLocales(): string[] {
  try {
    return execFileSync('locale', ['-a'], { encoding: 'utf8', timeout: 10_000 }).split('\n');
  } catch {
    return [];
  }
}

/** What an operator does about missing locales, for the error that names them. */
export function localeAdvice(missing: string[]): string {
  const lines = missing.map((locale) => `${locale} ${locale.split('.')[1]}`).join(', ');
  return `the desktops' locales are not generated: ${missing.join(' ')}. Add "${lines}" to /etc/locale.gen and run locale-gen (scripts/system-deps.sh host does both as root)`;
}

/**
 * As root, generates the desktops' locales that are missing, the Debian way (enabled in /etc/locale.gen, so
 * that they survive the next locale-gen). Answers those still missing.
 */
export async function generateSessionLocales(log: (line: string) => void): Promise<string[]> {
  const missing = missingSessionLocales();
  if (missing.length === 0 || !existsSync(LOCALE_GEN)) return missing;
  log(`generating the desktops' locales (first run only): ${missing.join(' ')}`);
  const list = await readFile(LOCALE_GEN_LIST, 'utf8').catch(() => '');
  await writeFileAtomic(LOCALE_GEN_LIST, Buffer.from(enableLocales(list, missing)));
  spawnSync(LOCALE_GEN, [], { stdio: 'inherit', timeout: 300_000 });
  return missingSessionLocales();
}

/** /etc/locale.gen with each of `locales` enabled: its commented line uncommented, or a line added. */
export function enableLocales(list: string, locales: string[]): string {
  const lines = list.split('\n');
  if (lines.at(-1) !== '') lines.push('');
  for (const locale of locales) {
    const entry = `${locale} ${locale.split('.')[1]}`;
    const commented = lines.findIndex((line) => line.replace(/^#\s*/, '').trim() === entry);
    if (commented >= 0) lines[commented] = entry;
    else lines.splice(lines.length - 1, 0, entry);
  }
  return lines.join('\n');
}

const LOCALE_GEN = '/usr/sbin/locale-gen';
const LOCALE_GEN_LIST = '/etc/locale.gen';
