import { describe, expect, it } from 'vitest';
import { commonSwedishWords } from './common-swedish-words.js';

describe('commonSwedishWords', () => {
  it('keeps the most frequent words of three letters or more, in order, as the policy looks them up', () => {
    const list = ['jag 4502420', 'är 3602140', 'inte 2298512', 'Hösten 1000', 'o 999', 'vad 982835'].join(
      '\n',
    );
    expect(commonSwedishWords(list, 10)).toEqual(['jag', 'inte', 'hösten', 'vad']);
    expect(commonSwedishWords(list, 2)).toEqual(['jag', 'inte']);
  });

  it('leaves out what is not a word of Swedish letters, and repeats', () => {
    const list = [
      'mr. 10',
      "don't 9",
      '2026 8',
      'idé 7',
      'IDÉ 6',
      'hösten'.normalize('NFD'),
      '',
      'σπίτι 5',
    ].join('\n');
    expect(commonSwedishWords(list, 10)).toEqual(['idé', 'hösten']);
  });
});
