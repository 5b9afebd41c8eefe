import Markdown from 'react-markdown';
import { useI18n } from '../i18n/I18nProvider.js';
import type { TermsVersion } from './terms.js';
import './terms.css';

// The terms sit under the page's own headings, so theirs move two levels down.
const headings = { h1: 'h3', h2: 'h4', h3: 'h5', h4: 'h6', h5: 'h6' } as const;

/**
 * The terms of use in the reader's language. Raw HTML in the Markdown stays text (react-markdown's
 * default); images are left out, as the Content-Security-Policy would block any from elsewhere.
 */
export function TermsText({ terms }: { terms: TermsVersion }) {
  const { t, language } = useI18n();
  // The box scrolls: a keyboard user must be able to reach it to scroll it (WCAG 2.1.1).
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard.
    <section className="terms-text" lang={language} aria-label={t.terms.textLabel} tabIndex={0}>
      <Markdown components={headings} disallowedElements={['img']}>
        {terms[language]}
      </Markdown>
    </section>
  );
}
