import type { OutgoingMail } from './mailer.js';

/** A paragraph (a newline in it breaks the line), a link on a line of its own, or numbered steps. */
export type Block = string | { link: string } | { steps: string[] };

export interface Bilingual {
  sv: Block[];
  en: Block[];
}

/**
 * Renders the same content as plain text and HTML, Swedish first: the
 * recipient's language is not known when an account is created.
 */
export function bilingualMail(to: string, subject: string, body: Bilingual): OutgoingMail {
  const text = [
    '(English below)',
    textOf(body.sv),
    '----------------------------------------',
    'ENGLISH',
    textOf(body.en),
  ].join('\n\n');
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    '<p><em>(English below)</em></p>',
    `<div lang="sv">${htmlOf(body.sv)}</div>`,
    '<hr>',
    `<div lang="en">${htmlOf(body.en)}</div>`,
    '</body></html>',
  ].join('\n');
  return { to, subject, text: `${text}\n`, html };
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Such as `2026-12-12 10:00 UTC`: the reader's time zone is not known either. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function textOf(blocks: Block[]): string {
  return blocks
    .map((block) => {
      if (typeof block === 'string') return block;
      if ('link' in block) return block.link;
      return block.steps.map((step, index) => `${index + 1}. ${step}`).join('\n');
    })
    .join('\n\n');
}

function htmlOf(blocks: Block[]): string {
  return blocks
    .map((block) => {
      if (typeof block === 'string') return `<p>${escapeHtml(block).replaceAll('\n', '<br>')}</p>`;
      if ('link' in block) {
        const href = escapeHtml(block.link);
        return `<p><a href="${href}">${href}</a></p>`;
      }
      return `<ol>${block.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>`;
    })
    .join('\n');
}
