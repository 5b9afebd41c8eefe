import { describe, expect, it } from 'vitest';
import { DelimitedReader, type Delimiter, sniffDelimiter } from './delimited-reader.js';

/** All rows of `text`, given to the reader in chunks of `size` characters. */
function rows(text: string, delimiter: Delimiter = ',', size = text.length || 1) {
  const reader = new DelimitedReader(delimiter);
  const found = [];
  for (let at = 0; at < text.length; at += size) found.push(...reader.push(text.slice(at, at + size)));
  return [...found, ...reader.end()];
}

describe('the delimiter', () => {
  it('is the one the lines agree on', () => {
    expect(sniffDelimiter('kommun,antal\nSolna,12\nKista,15\n')).toBe(',');
    expect(sniffDelimiter('kommun\tantal\tandel\nSolna\t12\t0,5\n')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n')).toBe('|');
  });

  it('is the semicolon of a Swedish file, whose decimal commas do not agree from line to line', () => {
    const swedish = 'kommun;antal;medel\nSolna;12;3,5\nKista;15;4,25\nTensta;20;10\nRinkeby;11;2,125\n';
    expect(sniffDelimiter(swedish)).toBe(';');
  });

  it('skips a byte order mark, comment lines, blank lines and delimiters inside quotes', () => {
    const text = '\uFEFF# Tabell 1; källa: registret; 2024\n\n"a,b";"c,d"\n"e,f";"g,h"\n';
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('is a comma when nothing tells, as in a file of one column', () => {
    expect(sniffDelimiter('antal\n12\n15\n')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
  });
});

describe('rows of delimited text', () => {
  it('come with their cells and the line each starts on, a blank line as a row of no cells', () => {
    expect(rows('a,b\n1,2\n\nc\r\n3,4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: [] },
      { line: 4, cells: ['c'] },
      { line: 5, cells: ['3', '4'] },
    ]);
  });

  it('read quoted fields with delimiters, doubled quotes and line breaks in them', () => {
    const text = 'namn;kommentar\n"Berg, Anna";"sade ""hej""\npå två rader"\nx;""\n';
    expect(rows(text, ';')).toEqual([
      { line: 1, cells: ['namn', 'kommentar'] },
      { line: 2, cells: ['Berg, Anna', 'sade "hej"\npå två rader'] },
      { line: 4, cells: ['x', ''] },
    ]);
  });

  it('are the same however the text is cut into chunks, a byte order mark dropped', () => {
    const text = '\uFEFFa;"b;\n""c"""\n1;2\r\n"3";4';
    const whole = rows(text, ';');
    expect(whole).toEqual([
      { line: 1, cells: ['a', 'b;\n"c"'] },
      { line: 3, cells: ['1', '2'] },
      { line: 4, cells: ['3', '4'] },
    ]);
    for (const size of [1, 2, 3, 5, 7]) expect(rows(text, ';', size)).toEqual(whole);
  });

  it('are the same in any chunks for text of quotes, delimiters and line breaks mixed at random', () => {
    const pieces = ['a', ';', '"', '""', '\n', '\r\n', 'ö', ' ', '12'];
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    for (let round = 0; round < 200; round += 1) {
      const text = Array.from({ length: 40 }, () => pieces[random(pieces.length)]).join('');
      const whole = rows(text, ';');
      expect(rows(text, ';', 1 + random(6)), JSON.stringify(text)).toEqual(whole);
    }
  });

  it('keep empty cells, and an unterminated quote to the end of the text', () => {
    expect(rows(',,\n"open,\n')).toEqual([
      { line: 1, cells: ['', '', ''] },
      { line: 2, cells: ['open,\n'] },
    ]);
    expect(rows('')).toEqual([]);
  });

  it('hold a line of a million columns without trouble', () => {
    const [row] = rows(`${'1,'.repeat(999_999)}1\n`);
    expect(row?.cells).toHaveLength(1_000_000);
  });
});
