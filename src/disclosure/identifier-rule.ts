import type { DelimitedRow } from './delimited-reader.js';
import type { Finding } from './disclosure-contract.js';
import { findIdentityNumbers } from './personnummer.js';

// Direct identifiers in a table: a personnummer or samordningsnummer in any cell, and a column whose header
// names a register's key (LopNr, the pseudonymous person key of released registers). Either blocks release.

export interface IdentifierSettings {
  /** Headers of key columns, compared without case: `LopNr` by default. */
  keyColumns: string[];
}

export const DEFAULT_IDENTIFIER_SETTINGS: IdentifierSettings = { keyColumns: ['LopNr'] };

/** So that a file of a million identifiers gives a report a reviewer can read: the first few, then a count. */
const MOST_SHOWN = 20;

/** Fed a table's rows in order; then its findings. */
export class DirectIdentifierRule {
  readonly #keys: Set<string>;
  readonly #shown: Finding[] = [];
  #more = 0;
  #header: string[] | null = null;

  constructor(settings: IdentifierSettings = DEFAULT_IDENTIFIER_SETTINGS) {
    this.#keys = new Set(settings.keyColumns.map((name) => name.toLowerCase()));
  }

  row(row: DelimitedRow, rowNumber: number): void {
    // A blank row ends a table; the next row with cells is the next table's header.
    if (row.cells.length === 0) {
      this.#header = null;
      return;
    }
    const isHeader = this.#header === null;
    if (isHeader) this.#header = row.cells;
    row.cells.forEach((cell, index) => {
      const where = { line: row.line, row: rowNumber, column: index + 1, ...this.#headerOf(index, isHeader) };
      if (isHeader && this.#keys.has(cell.trim().toLowerCase())) {
        this.#add({
          rule: 'key-column',
          outcome: 'fail',
          where,
          message: {
            en: `The column "${cell.trim()}" is a register's person key: keys never leave the platform.`,
            sv: `Kolumnen "${cell.trim()}" är en personnyckel ur ett register: nycklar får aldrig lämna plattformen.`,
          },
        });
      }
      for (const found of findIdentityNumbers(cell)) {
        this.#add({
          rule: 'direct-identifier',
          outcome: 'fail',
          where,
          message: {
            en: `A ${found.kind === 'personnummer' ? 'personal identity number' : 'coordination number'} (${found.kind}).`,
            sv: `Ett ${found.kind === 'personnummer' ? 'personnummer' : 'samordningsnummer'}.`,
          },
        });
      }
    });
  }

  findings(): Finding[] {
    if (this.#more === 0) return [...this.#shown];
    const summary: Finding = {
      rule: 'direct-identifier',
      outcome: 'fail',
      where: {},
      message: {
        en: `${this.#more} more identifiers of the same kinds further on.`,
        sv: `${this.#more} identifierare till av samma slag längre fram.`,
      },
    };
    return [...this.#shown, summary];
  }

  #headerOf(index: number, isHeader: boolean): { header?: string } {
    const header = isHeader ? undefined : this.#header?.[index]?.trim();
    return header ? { header } : {};
  }

  #add(finding: Finding): void {
    if (this.#shown.length < MOST_SHOWN) this.#shown.push(finding);
    else this.#more += 1;
  }
}
