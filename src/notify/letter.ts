import PDFDocument from 'pdfkit';

export interface InitialPasswordLetterInput {
  fullName: string;
  username: string;
  initialPassword: string;
  operatorName: string;
  supportEmail: string;
  date: Date;
}

const MARGIN = 56;
const A4_WIDTH = 595.28;
const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN;
const CELL = { width: 24, height: 30, perRow: 19 };
const PASSWORD_SIZE = 18;
const COURIER_ADVANCE = 0.6; // every Courier glyph is 600/1000 em wide

// Characters that a reader can take for one another on paper.
const LOOK_ALIKES = new Map<string, { sv: string; en: string }>([
  ['0', { sv: 'siffran noll', en: 'digit zero' }],
  ['O', { sv: 'stora bokstaven O', en: 'capital letter O' }],
  ['o', { sv: 'lilla bokstaven o', en: 'small letter o' }],
  ['1', { sv: 'siffran ett', en: 'digit one' }],
  // Named, not drawn: Helvetica's own I and l are look-alikes too.
  ['I', { sv: 'stora bokstaven i', en: 'capital letter i' }],
  ['l', { sv: 'lilla bokstaven L', en: 'small letter L' }],
  ['|', { sv: 'lodstreck', en: 'vertical bar' }],
  ["'", { sv: 'apostrof', en: 'apostrophe' }],
  ['`', { sv: 'grav accent', en: 'backtick' }],
  ['"', { sv: 'citattecken', en: 'double quote' }],
  ['-', { sv: 'bindestreck', en: 'hyphen' }],
  ['_', { sv: 'understreck', en: 'underscore' }],
  ['.', { sv: 'punkt', en: 'full stop' }],
  [',', { sv: 'komma', en: 'comma' }],
]);

/**
 * R11: the only way the first password reaches a user is this letter, sent by
 * registered post. A4 PDF, Swedish and English; the same input gives the same bytes.
 * `compress: false` leaves the text readable in the file, for tests.
 */
export async function initialPasswordLetter(
  input: InitialPasswordLetterInput,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  // Courier renders printable ASCII unmistakably; a space would be invisible on paper.
  if (!/^[\x21-\x7e]+$/.test(input.initialPassword)) {
    throw new Error('the initial password must consist of printable ASCII characters without spaces');
  }
  const operatorName = winAnsi(input.operatorName);
  const fullName = winAnsi(input.fullName);
  const supportEmail = winAnsi(input.supportEmail);
  const username = winAnsi(input.username);
  const date = input.date.toISOString().slice(0, 10);

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: 'sv',
    info: {
      Title: 'Ditt första lösenord / Your initial password',
      Author: operatorName,
      Creator: 'mona',
      Producer: 'mona',
      CreationDate: input.date,
    },
  });
  const done = collect(doc);

  // Sender, left; date and kind of post, right; recipient where a window envelope shows it.
  doc.font('Helvetica-Bold').fontSize(13).text(operatorName, MARGIN, MARGIN, { width: 260 });
  doc.font('Helvetica').fontSize(9).text(supportEmail, { width: 260 });
  doc.text(date, 320, MARGIN, { width: CONTENT_WIDTH - 264, align: 'right' });
  doc.font('Helvetica-Bold').text('REKOMMENDERAT BREV / REGISTERED LETTER', { align: 'right' });
  doc.font('Helvetica-Bold').fontSize(9).text('PERSONLIGT / PERSONAL', 320, 140);
  doc
    .font('Helvetica')
    .fontSize(12)
    .text(fullName, { width: CONTENT_WIDTH - 264 });

  doc.font('Helvetica-Bold').fontSize(16).text('Ditt första lösenord / Your initial password', MARGIN, 230);
  doc.moveDown(0.5);
  paragraph(
    doc,
    `Du har fått ett konto hos ${operatorName}. Här är ditt användarnamn och ditt första lösenord. Hur du loggar in första gången står i mejlet som vi har skickat till dig.`,
  );
  paragraph(
    doc,
    `You have been given an account at ${operatorName}. Here are your username and your initial password. How to log in the first time is explained in the e-mail we have sent you.`,
  );

  label(doc, 'Användarnamn / Username');
  doc.font('Courier-Bold').fontSize(14).text(username, MARGIN);
  doc.moveDown(0.6);
  label(doc, 'Lösenord / Password');
  passwordGrid(doc, input.initialPassword);
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(
      'Stora och små bokstäver är olika tecken. / Capital and small letters are different characters.',
      MARGIN,
    );
  lookAlikes(doc, input.initialPassword);

  doc.moveDown(0.8);
  label(doc, 'Viktigt / Important');
  bullets(doc, [
    'Du måste byta lösenordet när du loggar in första gången.',
    'Förstör brevet, till exempel i en dokumentförstörare, när du har bytt lösenord.',
    'Visa aldrig lösenordet för någon. Vi frågar aldrig efter det, varken i telefon eller via e-post.',
  ]);
  doc.moveDown(0.4);
  bullets(doc, [
    'You must change the password when you log in the first time.',
    'Destroy this letter, for example in a shredder, once you have changed the password.',
    'Never show the password to anyone. We never ask for it, neither by phone nor by e-mail.',
  ]);
  doc.moveDown(0.8);
  paragraph(doc, `Frågor? Kontakta supporten / Questions? Contact support: ${supportEmail}`);

  doc.end();
  return done;
}

function paragraph(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('Helvetica').fontSize(10).text(text, MARGIN, undefined, { width: CONTENT_WIDTH }).moveDown(0.6);
}

function label(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('Helvetica-Bold').fontSize(10).text(text, MARGIN).moveDown(0.2);
}

function bullets(doc: PDFKit.PDFDocument, items: string[]): void {
  doc
    .font('Helvetica')
    .fontSize(10)
    .list(items, MARGIN, undefined, { width: CONTENT_WIDTH, bulletRadius: 1.5 });
}

/** One boxed, numbered cell per character, so that each can be read and counted. */
function passwordGrid(doc: PDFKit.PDFDocument, password: string): void {
  const glyphWidth = PASSWORD_SIZE * COURIER_ADVANCE;
  let top = doc.y + 8;
  for (let start = 0; start < password.length; start += CELL.perRow) {
    const row = password.slice(start, start + CELL.perRow);
    doc.lineWidth(0.5).strokeColor('#888888');
    for (let i = 0; i < row.length; i++) {
      const left = MARGIN + i * CELL.width;
      doc.rect(left, top, CELL.width, CELL.height).stroke();
      doc
        .font('Helvetica')
        .fontSize(6)
        .fillColor('#666666')
        .text(String(start + i + 1), left, top - 7, { width: CELL.width, align: 'center', lineBreak: false });
    }
    // The row is one string, so it stays one piece of text in the file; the spacing puts each glyph in its cell.
    doc
      .font('Courier-Bold')
      .fontSize(PASSWORD_SIZE)
      .fillColor('#000000')
      .text(row, MARGIN + (CELL.width - glyphWidth) / 2, top + (CELL.height - PASSWORD_SIZE) / 2 + 1, {
        characterSpacing: CELL.width - glyphWidth,
        lineBreak: false,
      });
    top += CELL.height + 12;
  }
  doc.x = MARGIN;
  doc.y = top - 4;
}

/** Spells out the look-alike characters this password contains, two to a line. */
function lookAlikes(doc: PDFKit.PDFDocument, password: string): void {
  const present = [...new Set(password)].flatMap((char) => {
    const names = LOOK_ALIKES.get(char);
    return names ? [{ char, names }] : [];
  });
  if (present.length === 0) return;
  doc
    .moveDown(0.4)
    .font('Helvetica')
    .fontSize(9)
    .text('Tecken som liknar varandra / Look-alike characters:', MARGIN);
  const columnWidth = CONTENT_WIDTH / 2;
  for (let i = 0; i < present.length; i += 2) {
    const top = doc.y + 2;
    present.slice(i, i + 2).forEach(({ char, names }, column) => {
      const left = MARGIN + column * columnWidth;
      doc.font('Courier-Bold').fontSize(11).text(char, left, top, { lineBreak: false });
      doc
        .font('Helvetica')
        .fontSize(9)
        .text(`${names.sv} / ${names.en}`, left + 16, top + 1, { width: columnWidth - 20, lineBreak: false });
    });
    doc.x = MARGIN;
    doc.y = top + 13;
  }
}

/**
 * The built-in fonts know only Windows-1252: a letter outside it (č, ő, ł) is
 * printed without its accent or stroke, and anything else as '?'.
 */
function winAnsi(text: string): string {
  return [...text]
    .map((char) => {
      if (inWinAnsi(char)) return char;
      const bare = (UNSTROKED[char] ?? char).normalize('NFD').replace(/\p{M}/gu, '');
      return bare.length > 0 && [...bare].every(inWinAnsi) ? bare : '?';
    })
    .join('');
}

// Letters whose stroke Unicode does not decompose into a base letter and a mark.
const UNSTROKED: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ı: 'i' };
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function inWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char);
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
