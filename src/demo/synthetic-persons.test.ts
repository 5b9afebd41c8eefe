import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PERSONS_DEFAULTS,
  generateSyntheticPersons,
  type SyntheticPerson,
  type WrittenFile,
  writeSyntheticPersons,
} from './synthetic-persons.js';

const FILE_NAMES = ['demo_persons.csv', 'demo_persons.parquet'];
const COLUMNS = ['LopNr', 'FodelseAr', 'Kon', 'Kommun', 'SUN2000Niva', 'ForvInk'];

const directories: string[] = [];
async function freshDirectory(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mona-demo-test-'));
  directories.push(dir);
  return dir;
}

function fileNamed(files: WrittenFile[], name: string): WrittenFile {
  const file = files.find((f) => f.name === name);
  if (file === undefined) throw new Error(`${name} was not written`);
  return file;
}

function parseCsv(text: string): { header: string[]; rows: SyntheticPerson[] } {
  expect(text.endsWith('\n')).toBe(true);
  const [headerLine = '', ...lines] = text.slice(0, -1).split('\n');
  const rows = lines.map((line) => {
    const [LopNr, FodelseAr, Kon, Kommun = '', SUN2000Niva, ForvInk] = line.split(',');
    return {
      LopNr: Number(LopNr),
      FodelseAr: Number(FodelseAr),
      Kon: Number(Kon) as 1 | 2,
      Kommun,
      SUN2000Niva: Number(SUN2000Niva),
      ForvInk: Number(ForvInk),
    };
  });
  return { header: headerLine.split(','), rows };
}

const defaults = generateSyntheticPersons(DEMO_PERSONS_DEFAULTS);
let defaultDir: string;
let defaultFiles: WrittenFile[];

beforeAll(async () => {
  defaultDir = await freshDirectory();
  defaultFiles = await writeSyntheticPersons(defaultDir);
});

afterAll(async () => {
  await Promise.all(directories.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('generateSyntheticPersons', () => {
  it('gives 50,000 persons by default with register-style values in range', () => {
    expect(defaults).toHaveLength(50_000);
    expect(defaults.map((p) => p.LopNr)).toEqual(Array.from({ length: 50_000 }, (_, i) => i + 1));
    const outOfRange = defaults.filter(
      (p) =>
        Object.keys(p).join() !== COLUMNS.join() ||
        !(p.FodelseAr >= 1930 && p.FodelseAr <= 2007) ||
        !(p.Kon === 1 || p.Kon === 2) ||
        !/^\d{4}$/.test(p.Kommun) ||
        !(Number.isInteger(p.SUN2000Niva) && p.SUN2000Niva >= 1 && p.SUN2000Niva <= 7) ||
        !(Number.isInteger(p.ForvInk) && p.ForvInk >= 0),
    );
    expect(outOfRange).toEqual([]);
  });

  it('has the rough shape a demo analysis expects', () => {
    const share = (test: (p: SyntheticPerson) => boolean) => defaults.filter(test).length / defaults.length;
    const meanIncome = (test: (p: SyntheticPerson) => boolean) => {
      const group = defaults.filter(test);
      return group.reduce((sum, p) => sum + p.ForvInk, 0) / group.length;
    };
    expect(share((p) => p.Kon === 2)).toBeCloseTo(0.5, 1);
    expect(share((p) => p.ForvInk === 0)).toBeGreaterThan(0.06);
    expect(share((p) => p.ForvInk === 0)).toBeLessThan(0.1);
    expect(share((p) => p.Kommun === '0180')).toBeGreaterThan(share((p) => p.Kommun === '1280'));
    expect(new Set(defaults.map((p) => p.Kommun)).size).toBeGreaterThanOrEqual(25);
    expect(meanIncome((p) => p.SUN2000Niva >= 6)).toBeGreaterThan(meanIncome((p) => p.SUN2000Niva <= 3));
    expect(meanIncome((p) => p.Kon === 1)).toBeGreaterThan(meanIncome((p) => p.Kon === 2));
  });

  it('rejects a person count or seed it cannot honour', () => {
    expect(() => generateSyntheticPersons({ persons: 0, seed: 1 })).toThrow(RangeError);
    expect(() => generateSyntheticPersons({ persons: 10, seed: 1.5 })).toThrow(RangeError);
    expect(() => generateSyntheticPersons({ persons: 10, seed: 2 ** 32 })).toThrow(RangeError);
  });
});

describe('writeSyntheticPersons', () => {
  it('writes the CSV and Parquet files and reports their size and hash', async () => {
    expect(defaultFiles.map((f) => f.name)).toEqual(FILE_NAMES);
    for (const file of defaultFiles) {
      expect(file.path).toBe(join(defaultDir, file.name));
      const bytes = await readFile(file.path);
      expect(file.bytes).toBe(bytes.byteLength);
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('leaves no temporary files behind', async () => {
    expect((await readdir(defaultDir)).sort()).toEqual(FILE_NAMES);
  });

  it('gives byte-identical files for the same seed and different ones for another seed', async () => {
    const again = await writeSyntheticPersons(await freshDirectory());
    expect(again.map((f) => f.sha256)).toEqual(defaultFiles.map((f) => f.sha256));

    const other = await writeSyntheticPersons(await freshDirectory(), { seed: 1 });
    for (const name of FILE_NAMES) {
      expect(fileNamed(other, name).sha256).not.toBe(fileNamed(defaultFiles, name).sha256);
    }
  });

  it('writes a CSV that parses back to the same rows', async () => {
    const text = await readFile(fileNamed(defaultFiles, 'demo_persons.csv').path, 'utf8');
    const { header, rows } = parseCsv(text);
    expect(header).toEqual(COLUMNS);
    expect(text).not.toContain('\r');
    expect(rows).toEqual(defaults);
  });

  it('writes a Parquet file that reads back to the same rows, with a string Kommun', async () => {
    const file = await asyncBufferFromFile(fileNamed(defaultFiles, 'demo_persons.parquet').path);
    const metadata = await parquetMetadataAsync(file);
    const types = Object.fromEntries(metadata.schema.slice(1).map((e) => [e.name, e.type]));
    expect(types).toEqual({
      LopNr: 'INT32',
      FodelseAr: 'INT32',
      Kon: 'INT32',
      Kommun: 'BYTE_ARRAY',
      SUN2000Niva: 'INT32',
      ForvInk: 'INT32',
    });
    expect(await parquetReadObjects({ file, metadata })).toEqual(defaults);
  });

  it('honours a smaller person count', async () => {
    const dir = await freshDirectory();
    await writeSyntheticPersons(dir, { persons: 100, seed: 7 });
    const { rows } = parseCsv(await readFile(join(dir, 'demo_persons.csv'), 'utf8'));
    expect(rows).toEqual(generateSyntheticPersons({ persons: 100, seed: 7 }));
  });

  it('creates the target directory if it is missing', async () => {
    const dir = join(await freshDirectory(), 'nested', 'demo');
    await writeSyntheticPersons(dir, { persons: 10, seed: 1 });
    expect((await readdir(dir)).sort()).toEqual(FILE_NAMES);
  });

  it('rejects when the target is a file, leaving it untouched and nothing beside it', async () => {
    const parent = await freshDirectory();
    const target = join(parent, 'not-a-directory');
    await writeFile(target, 'keep me');
    await expect(writeSyntheticPersons(target, { persons: 10, seed: 1 })).rejects.toThrow();
    expect(await readdir(parent)).toEqual(['not-a-directory']);
    expect(await readFile(target, 'utf8')).toBe('keep me');
  });

  it('removes its temporary file when the final rename fails', async () => {
    const dir = await freshDirectory();
    // A non-empty directory where the CSV should go makes the rename fail.
    await mkdir(join(dir, 'demo_persons.csv', 'occupied'), { recursive: true });
    await expect(writeSyntheticPersons(dir, { persons: 10, seed: 1 })).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['demo_persons.csv']);
  });
});
