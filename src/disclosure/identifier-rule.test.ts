import { describe, expect, it } from 'vitest';
import { DelimitedReader } from './delimited-reader.js';
import { finding } from './disclosure-contract.js';
import { DirectIdentifierRule } from './identifier-rule.js';

function check(text: string, rule = new DirectIdentifierRule()) {
  const reader = new DelimitedReader(';');
  const rows = [...reader.push(text), ...reader.end()];
  for (const [index, row] of rows.entries()) rule.row(row, index + 1);
  return rule.findings();
}

describe('direct identifiers in a table', () => {
  it('fail on a personnummer in any cell, saying where, without repeating the number', () => {
    const findings = check('kommun;person;antal\nSolna;x 19640823-3234 y;12\n');
    expect(findings).toEqual([
      {
        rule: 'direct-identifier',
        outcome: 'fail',
        where: { line: 2, row: 2, column: 2, header: 'person' },
        message: { en: 'A personal identity number (personnummer).', sv: 'Ett personnummer.' },
      },
    ]);
    for (const found of findings) expect(finding.parse(found)).toEqual(found);
    expect(JSON.stringify(findings)).not.toContain('3234');
  });

  it('fail on a column named after a register key, in any case, in every table of the file', () => {
    const findings = check('LopNr;antal\n1;12\n\nkommun; lopnr \nSolna;3\n');
    expect(findings.map((found) => [found.rule, found.where])).toEqual([
      ['key-column', { line: 1, row: 1, column: 1 }],
      ['key-column', { line: 4, row: 4, column: 2 }],
    ]);
  });

  it('take the key names an installation sets', () => {
    const rule = new DirectIdentifierRule({ keyColumns: ['PersonId'] });
    expect(check('personid;LopNr\n1;2\n', rule).map((found) => found.where.column)).toEqual([1]);
  });

  it('pass a table of counts, dates, phone numbers and numbers with a wrong check digit', () => {
    const text =
      'datum;telefon;ärende;antal\n2024-01-15;070-123 45 67;640823-3235;12\n20240115;0701234560;6408233230;15\n';
    expect(check(text)).toEqual([]);
  });

  it('show the first twenty, then how many more', () => {
    const findings = check(`id\n${'640823-3234\n'.repeat(25)}`);
    expect(findings).toHaveLength(21);
    expect(findings[20]?.message.en).toBe('5 more identifiers of the same kinds further on.');
  });
});
