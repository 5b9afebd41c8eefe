import { describe, expect, it } from 'vitest';
import { initialPasswordLetter } from './letter.js';

const input = {
  fullName: 'Åsa Łukasiewicz',
  username: 'asa.lukasiewicz',
  initialPassword: 'Kq7#mR2vZt9xW4p',
  operatorName: 'Demo Statistics Office',
  supportEmail: 'support@mona.example',
  date: new Date('2026-11-28T10:00:00Z'),
};

/** The text of an uncompressed pdfkit file: one line per text run, kerning dropped. */
function textOf(pdf: Buffer): string {
  return [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)]
    .map(([, run]) =>
      [...(run ?? '').matchAll(/<([0-9a-f]*)>/g)]
        .map(([, hex]) => Buffer.from(hex ?? '', 'hex').toString('latin1'))
        .join(''),
    )
    .join('\n');
}

describe('initialPasswordLetter', () => {
  it('is a one-page PDF with the username, the password and what to do with it', async () => {
    const pdf = await initialPasswordLetter(input, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);

    const text = textOf(pdf);
    expect(text).toContain('asa.lukasiewicz');
    expect(text).toContain('Kq7#mR2vZt9xW4p');
    expect(text).toContain('Demo Statistics Office');
    expect(text).toContain('Åsa Lukasiewicz'); // Ł is not in the built-in fonts
    expect(text).toContain('2026-11-28');
    expect(text).toContain('Du måste byta lösenordet när du loggar in första gången.');
    expect(text).toContain('You must change the password when you log in the first time.');
    expect(text).toContain('Destroy this letter');
    expect(text).toContain('support@mona.example');
  });

  it('spells out only the look-alike characters the password has', async () => {
    const text = textOf(
      await initialPasswordLetter({ ...input, initialPassword: 'O0l1-abc' }, { compress: false }),
    );
    expect(text).toContain('stora bokstaven O / capital letter O');
    expect(text).toContain('siffran noll / digit zero');
    expect(text).toContain('lilla bokstaven L / small letter L');
    expect(text).toContain('siffran ett / digit one');
    expect(text).not.toContain('capital letter i');

    expect(textOf(await initialPasswordLetter(input, { compress: false }))).not.toContain('Look-alike');
  });

  it('gives the same bytes for the same input', async () => {
    const [first, second] = await Promise.all([initialPasswordLetter(input), initialPasswordLetter(input)]);
    expect(first.equals(second)).toBe(true);
  });

  it('refuses a password that cannot be printed unmistakably', async () => {
    await expect(initialPasswordLetter({ ...input, initialPassword: 'has space' })).rejects.toThrow(
      'printable ASCII',
    );
    await expect(initialPasswordLetter({ ...input, initialPassword: 'lösen' })).rejects.toThrow(
      'printable ASCII',
    );
  });
});
