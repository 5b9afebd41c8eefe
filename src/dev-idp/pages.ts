import { TEST_IDENTITIES } from './test-identities.js';

export type Language = 'en' | 'sv';
export type Method = 'this-device' | 'mobile';
export type FormError = 'no-choice' | 'invalid-number' | 'invalid-name';

const TEXTS = {
  en: {
    identifyingTo: 'You are identifying to',
    chooseMethod: 'How do you want to identify yourself?',
    'this-device': 'BankID on this computer',
    mobile: 'Mobile BankID',
    'this-device-hint':
      'A real broker would now open the BankID app on this computer. This test service opens nothing.',
    'mobile-hint': 'Open the BankID app on your phone and scan the QR code.',
    qrAlt: 'QR code for Mobile BankID, renewed every second',
    whichPerson: 'Which test person approves?',
    otherPerson: 'Another person',
    number: 'Personal identity number (YYYYMMDDNNNN)',
    name: 'First and last name',
    approve: 'Approve (test)',
    cancel: 'Cancel',
    otherMethod: 'Another way to identify',
    'no-choice': 'Choose a test person.',
    'invalid-number':
      'That is not a valid personal identity number: 12 digits, YYYYMMDDNNNN, with a real date and a valid check digit.',
    'invalid-name': 'Enter a first and a last name, at most 100 characters.',
    expiredTitle: 'The identification has ended',
    expired: 'It has expired or was started elsewhere. Go back to the service and start again.',
    errorTitle: 'The identification failed',
  },
  sv: {
    identifyingTo: 'Du legitimerar dig hos',
    chooseMethod: 'Hur vill du legitimera dig?',
    'this-device': 'BankID på den här datorn',
    mobile: 'Mobilt BankID',
    'this-device-hint':
      'En riktig tjänst skulle nu öppna BankID-appen på den här datorn. Testtjänsten öppnar ingenting.',
    'mobile-hint': 'Öppna BankID-appen i mobilen och skanna QR-koden.',
    qrAlt: 'QR-kod för Mobilt BankID, förnyas varje sekund',
    whichPerson: 'Vilken testperson godkänner?',
    otherPerson: 'En annan person',
    number: 'Personnummer (ÅÅÅÅMMDDNNNN)',
    name: 'För- och efternamn',
    approve: 'Godkänn (test)',
    cancel: 'Avbryt',
    otherMethod: 'Legitimera dig på annat sätt',
    'no-choice': 'Välj en testperson.',
    'invalid-number':
      'Det är inte ett giltigt personnummer: 12 siffror, ÅÅÅÅMMDDNNNN, med ett riktigt datum och rätt kontrollsiffra.',
    'invalid-name': 'Skriv ett förnamn och ett efternamn, högst 100 tecken.',
    expiredTitle: 'Legitimeringen är avslutad',
    expired: 'Den har gått ut eller startades någon annanstans. Gå tillbaka till tjänsten och börja om.',
    errorTitle: 'Legitimeringen misslyckades',
  },
} as const;

/** The language the relying party asked for (ui_locales), else the browser's first choice, else English. */
export function languageFor(uiLocales: unknown, acceptLanguage: string | undefined): Language {
  const wanted = [
    ...(typeof uiLocales === 'string' ? uiLocales.split(' ') : []),
    acceptLanguage?.split(',')[0] ?? '',
  ];
  const first = wanted
    .map((tag) => tag.trim().slice(0, 2).toLowerCase())
    .find((tag) => tag === 'en' || tag === 'sv');
  return first ?? 'en';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(lang: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · BankID (test)</title>
<link rel="icon" href="/dev-idp/icon.svg">
<link rel="stylesheet" href="/dev-idp/style.css">
</head>
<body>
<div class="banner" role="note">
<p lang="en">TEST SERVICE — not real BankID. Only for development and tests.</p>
<p lang="sv">TESTTJÄNST — inte riktigt BankID. Endast för utveckling och test.</p>
</div>
<main>
<p class="brand">BankID<span>TEST</span></p>
${body}
</main>
</body>
</html>
`;
}

interface Page {
  lang: Language;
  operatorName: string;
  uid: string;
}

function heading({ lang, operatorName }: Page): string {
  return `<h1>${TEXTS[lang].identifyingTo} ${escapeHtml(operatorName)}</h1>`;
}

/** The first page: how to identify, as a BankID broker asks. */
export function choicePage(page: Page): string {
  const t = TEXTS[page.lang];
  const base = `/interaction/${page.uid}`;
  return layout(
    page.lang,
    t.chooseMethod,
    `${heading(page)}
<h2>${t.chooseMethod}</h2>
<div class="choices">
<a class="choice" href="${base}/this-device">${t['this-device']}</a>
<a class="choice" href="${base}/mobile">${t.mobile}</a>
</div>`,
  );
}

export interface FormState {
  person: string;
  number: string;
  name: string;
  error: FormError | null;
}

const NO_FORM: FormState = {
  person: TEST_IDENTITIES[0]?.personalIdentityNumber ?? '',
  number: '',
  name: '',
  error: null,
};

/** A method's page: the QR code or the note about the app, then the test form standing in for the app. */
export function methodPage(page: Page & { method: Method; form?: FormState }): string {
  const t = TEXTS[page.lang];
  const form = page.form ?? NO_FORM;
  const base = `/interaction/${page.uid}`;
  const radio = (value: string, label: string) =>
    `<input type="radio" name="person" value="${escapeHtml(value)}"${form.person === value ? ' checked' : ''}> ${label}`;
  const people = TEST_IDENTITIES.map(
    (p) =>
      `<label class="person">${radio(p.personalIdentityNumber, `<span>${escapeHtml(p.name)}</span>`)}` +
      ` <span class="number">${p.personalIdentityNumber.slice(0, 8)}-${p.personalIdentityNumber.slice(8)}</span></label>`,
  ).join('\n');
  const qr =
    page.method === 'mobile'
      ? `<div class="qr"><img id="qr" src="${base}/qr" alt="${t.qrAlt}" width="216" height="216"></div>
<script src="/dev-idp/qr.js" defer></script>`
      : '';
  return layout(
    page.lang,
    t[page.method],
    `${heading(page)}
<h2>${t[page.method]}</h2>
<p class="hint">${t[`${page.method}-hint`]}</p>
${qr}
<form method="post" action="${base}/approve">
<input type="hidden" name="method" value="${page.method}">
${form.error ? `<p class="error" role="alert">${t[form.error]}</p>` : ''}
<fieldset>
<legend>${t.whichPerson}</legend>
${people}
<label class="person">${radio('other', `<span>${t.otherPerson}</span>`)}</label>
<div class="other">
<label class="field">${t.number}<input type="text" name="number" inputmode="numeric" autocomplete="off" value="${escapeHtml(form.number)}"${form.error === 'invalid-number' ? ' aria-invalid="true"' : ''}></label>
<label class="field">${t.name}<input type="text" name="name" autocomplete="off" value="${escapeHtml(form.name)}"${form.error === 'invalid-name' ? ' aria-invalid="true"' : ''}></label>
</div>
</fieldset>
<div class="actions">
<button type="submit" class="primary">${t.approve}</button>
<button type="submit" class="secondary" formaction="${base}/cancel">${t.cancel}</button>
</div>
</form>
<a class="back" href="${base}">${t.otherMethod}</a>`,
  );
}

/** The identification cannot go on: expired, started elsewhere, or refused by the protocol. */
export function endedPage(lang: Language, detail: string | null): string {
  const t = TEXTS[lang];
  const title = detail ? t.errorTitle : t.expiredTitle;
  return layout(lang, title, `<h1>${title}</h1>\n<p>${detail ? escapeHtml(detail) : t.expired}</p>`);
}
