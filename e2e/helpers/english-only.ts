import { expect, type Page } from '@playwright/test';
import { en } from '../../web/src/i18n/en.js';
import { sv } from '../../web/src/i18n/sv.js';

// A marker no message holds: a message function called with it shows its fixed text around it.
const MARK = '\u0000';

/** Every fixed text of a dictionary; a guide label's English name only if `withGuideNames`. */
function texts(value: unknown, withGuideNames: boolean, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value.trim());
  else if (typeof value === 'function') {
    const shown = String(value(MARK, MARK, MARK, MARK));
    for (const part of shown.split(MARK)) into.add(part.trim());
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key !== 'english' || withGuideNames) texts(item, withGuideNames, into);
    }
  }
  return into;
}

/**
 * The English dictionary's texts that the Swedish one does not have, long enough to mean something:
 * a page in Swedish that shows one of them shows a string someone forgot to translate. The guide's
 * English button names are not Swedish texts: in Swedish they appear only inside `lang="en"`.
 */
function englishOnlyTexts(): string[] {
  const swedish = texts(sv, false);
  return [...texts(en, true)].filter((text) => /\p{L}{3}/u.test(text) && !swedish.has(text));
}

// Worked out once: the dictionaries do not change while the tests run.
const ENGLISH_ONLY = englishOnlyTexts();

/**
 * The texts a reader sees or hears on the page, outside parts marked as English and content shown
 * as it is (`translate="no"`, such as a caught mail in both its languages).
 */
async function swedishPageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const english = (node: Node | null) =>
      node?.parentElement?.closest('[lang="en"], [translate="no"], script, style');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text && !english(node)) found.push(text);
    }
    for (const element of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
      if (element.closest('[lang="en"], [translate="no"]')) continue;
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
        const text = element.getAttribute(name)?.trim();
        if (text) found.push(text);
      }
    }
    found.push(document.title);
    return found;
  });
}

/**
 * Fails when the page, in Swedish, shows a text that only the English dictionary has: whole, for
 * short texts such as a button's, or inside a longer text, for sentences.
 */
export async function expectAllSwedish(page: Page, where: string): Promise<void> {
  const shown = await swedishPageTexts(page);
  const untranslated = ENGLISH_ONLY.filter((english) =>
    shown.some(
      (text) => text === english || (english.includes(' ') && english.length >= 16 && text.includes(english)),
    ),
  );
  expect(untranslated, `English texts on ${where} in Swedish`).toEqual([]);
}
