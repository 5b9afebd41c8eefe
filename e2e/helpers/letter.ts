import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The text of a PDF, by poppler's pdftotext (Debian package poppler-utils). */
export async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-raw', file, '-']);
  return stdout;
}

const cellNumbers = /^\d+(\s+\d+)*$/;

/**
 * The initial password from the letter's text. The letter prints it in numbered cells, a row of
 * numbers over each row of characters, under a heading naming the password; the password has no
 * spaces, so the spaces between cells are dropped. Each row is checked against its cell count.
 */
export function initialPasswordFrom(text: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  const heading = lines.findIndex(
    (line, i) => /(password|lösenord)$/i.test(line) && cellNumbers.test(lines[i + 1] ?? ''),
  );
  if (heading < 0) throw new Error(`no password in the letter:\n${text}`);
  let password = '';
  for (let i = heading + 1; cellNumbers.test(lines[i] ?? ''); i += 2) {
    const cells = (lines[i] ?? '').split(/\s+/).length;
    const row = (lines[i + 1] ?? '').replace(/\s+/g, '');
    if (row.length !== cells) throw new Error(`letter row of ${cells} cells reads "${row}"`);
    password += row;
  }
  return password;
}

/** The username as the letter states it, on the line after its heading. */
export function usernameFrom(text: string): string | undefined {
  const lines = text.split('\n').map((line) => line.trim());
  const heading = lines.findIndex((line) => /(username|användarnamn)$/i.test(line));
  return heading < 0 ? undefined : lines[heading + 1];
}
