import type { Language } from '../../i18n/language.js';
import type { KeyboardLayout } from './desktop-api.js';

export const layouts = ['se', 'us'] as const satisfies readonly KeyboardLayout[];

/** Each layout named in its own language, like the language switch. */
export const layoutNames: Record<KeyboardLayout, string> = { se: 'Svenska', us: 'English' };

export const isLayout = (value: unknown): value is KeyboardLayout =>
  layouts.some((layout) => layout === value);

const storageKey = 'mona.keyboard';

/**
 * The layout chosen in this browser before, which is applied after every connection; until the user
 * chooses, the one that goes with the page's language.
 */
export function storedLayout(storage: Pick<Storage, 'getItem'>, language: Language): KeyboardLayout {
  let stored: string | null = null;
  try {
    stored = storage.getItem(storageKey);
  } catch {
    // Storage can be disabled (private browsing); see storeLayout.
  }
  if (isLayout(stored)) return stored;
  return language === 'sv' ? 'se' : 'us';
}

export function storeLayout(storage: Pick<Storage, 'setItem'>, layout: KeyboardLayout): void {
  try {
    storage.setItem(storageKey, layout);
  } catch {
    // The choice then lasts while the page is open.
  }
}
