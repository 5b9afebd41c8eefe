import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { SeededRandom, type WeightedTable } from './seeded-random.js';

/** One row of the demo register. Every value is drawn from a PRNG; no real person is behind it. */
export interface SyntheticPerson {
  LopNr: number;
  FodelseAr: number;
  Kon: 1 | 2;
  Kommun: string;
  SUN2000Niva: number;
  ForvInk: number;
}

export interface WrittenFile {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
}

export const DEMO_PERSONS_DEFAULTS = { persons: 50_000, seed: 20_260_101 } as const;

const COLUMNS = ['LopNr', 'FodelseAr', 'Kon', 'Kommun', 'SUN2000Niva', 'ForvInk'] as const;

/** The income year the register describes; ages are counted at its end. */
const REFERENCE_YEAR = 2024;

/** Five-year birth cohorts weighted like Sweden's age pyramid (baby booms of the 1940s and around 1990). */
const BIRTH_COHORTS: WeightedTable<readonly [first: number, last: number]> = [
  [[1930, 1934], 1.5],
  [[1935, 1939], 3],
  [[1940, 1944], 5],
  [[1945, 1949], 6],
  [[1950, 1954], 5.5],
  [[1955, 1959], 5.8],
  [[1960, 1964], 6.3],
  [[1965, 1969], 6.6],
  [[1970, 1974], 6.3],
  [[1975, 1979], 5.8],
  [[1980, 1984], 6],
  [[1985, 1989], 6.8],
  [[1990, 1994], 7.2],
  [[1995, 1999], 6.2],
  [[2000, 2004], 6.2],
  [[2005, 2007], 3.9],
];

/** Real municipality codes (public), weighted roughly by population in thousands. */
const KOMMUNER: WeightedTable<string> = [
  ['0180', 985], // Stockholm
  ['1480', 600], // Göteborg
  ['1280', 360], // Malmö
  ['0380', 245], // Uppsala
  ['0580', 167], // Linköping
  ['1880', 160], // Örebro
  ['1980', 158], // Västerås
  ['1283', 152], // Helsingborg
  ['0581', 145], // Norrköping
  ['0680', 145], // Jönköping
  ['2480', 133], // Umeå
  ['1281', 128], // Lund
  ['1490', 115], // Borås
  ['0126', 115], // Huddinge
  ['0182', 108], // Nacka
  ['0484', 107], // Eskilstuna
  ['1380', 105], // Halmstad
  ['2180', 103], // Gävle
  ['0181', 101], // Södertälje
  ['2281', 99], // Sundsvall
  ['0780', 97], // Växjö
  ['1780', 96], // Karlstad
  ['0184', 85], // Solna
  ['2580', 79], // Luleå
  ['0880', 72], // Kalmar
  ['1080', 67], // Karlskrona
  ['2380', 64], // Östersund
  ['0980', 61], // Gotland
  ['2080', 59], // Falun
  ['2584', 22], // Kiruna
  ['2418', 3], // Malå
  ['2403', 2.5], // Bjurholm
];

/** Income multiplier for SUN2000Niva 1..7. */
const EDUCATION_INCOME_FACTOR = [0.75, 0.8, 0.9, 1, 1.1, 1.3, 1.6] as const;

export function generateSyntheticPersons(options: { persons: number; seed: number }): SyntheticPerson[] {
  const { persons, seed } = options;
  if (!Number.isSafeInteger(persons) || persons < 1) {
    throw new RangeError(`persons must be a positive integer, got ${persons}`);
  }
  const random = new SeededRandom(seed);
  const rows: SyntheticPerson[] = [];
  for (let LopNr = 1; LopNr <= persons; LopNr++) {
    const [first, last] = random.pick(BIRTH_COHORTS);
    const FodelseAr = random.int(first, last);
    const Kon = random.nextFloat() < 0.5 ? 1 : 2;
    const Kommun = random.pick(KOMMUNER);
    const SUN2000Niva = random.pick(educationLevels(FodelseAr));
    const ForvInk = drawIncome(random, REFERENCE_YEAR - FodelseAr, Kon, SUN2000Niva);
    rows.push({ LopNr, FodelseAr, Kon, Kommun, SUN2000Niva, ForvInk });
  }
  return rows;
}

/**
 * SUN2000Niva: 1 pre-upper-secondary < 9 years, 2 pre-upper-secondary 9 years, 3 upper secondary
 * <= 2 years, 4 upper secondary 3 years, 5 post-secondary < 3 years, 6 post-secondary >= 3 years,
 * 7 doctorate. Later cohorts are more educated; the youngest have not finished yet.
 */
function educationLevels(fodelseAr: number): WeightedTable<number> {
  if (fodelseAr < 1945) return byLevel(25, 10, 30, 10, 10, 13, 1);
  if (fodelseAr < 1965) return byLevel(8, 8, 30, 17, 15, 20, 2);
  if (fodelseAr < 1990) return byLevel(3, 7, 12, 30, 17, 28, 3);
  if (fodelseAr < 2000) return byLevel(3, 9, 5, 38, 15, 29, 1);
  return byLevel(4, 25, 6, 55, 7, 3, 0);
}

/** Weights for levels 1, 2, 3, … in order. */
function byLevel(...weights: number[]): WeightedTable<number> {
  return weights.map((weight, index) => [index + 1, weight] as const);
}

/**
 * Median ForvInk (thousand SEK) and share with none, by age. Förvärvsinkomst includes pension,
 * so few of the old have zero.
 */
function incomeProfile(age: number): { median: number; zeroShare: number } {
  if (age < 20) return { median: 40, zeroShare: 0.4 };
  if (age < 25) return { median: 190, zeroShare: 0.14 };
  if (age < 30) return { median: 310, zeroShare: 0.08 };
  if (age < 50) return { median: 400, zeroShare: 0.065 };
  if (age < 66) return { median: 410, zeroShare: 0.08 };
  return { median: 210, zeroShare: 0.04 };
}

function drawIncome(random: SeededRandom, age: number, kon: 1 | 2, education: number): number {
  const { median, zeroShare } = incomeProfile(age);
  if (random.nextFloat() < zeroShare) return 0;
  // Women earn about 15% less; sigma 0.55 gives a realistic right tail (a few earn millions).
  const factor = (EDUCATION_INCOME_FACTOR[education - 1] ?? 1) * (kon === 2 ? 0.85 : 1);
  return Math.round(random.logNormal(median * factor, 0.55));
}

export async function writeSyntheticPersons(
  dir: string,
  options: { persons?: number; seed?: number } = {},
): Promise<WrittenFile[]> {
  const rows = generateSyntheticPersons({
    persons: options.persons ?? DEMO_PERSONS_DEFAULTS.persons,
    seed: options.seed ?? DEMO_PERSONS_DEFAULTS.seed,
  });
  const directory = resolve(dir);
  await mkdir(directory, { recursive: true });
  const files: WrittenFile[] = [];
  for (const [name, data] of [
    ['demo_persons.csv', toCsv(rows)],
    ['demo_persons.parquet', toParquet(rows)],
  ] as const) {
    const path = join(directory, name);
    await writeFileAtomic(path, data);
    const sha256 = createHash('sha256').update(data).digest('hex');
    files.push({ name, path, bytes: data.byteLength, sha256 });
  }
  return files;
}

/** Every field is digits only, so RFC 4180 needs no quoting; Kommun keeps its leading zero. */
function toCsv(rows: readonly SyntheticPerson[]): Uint8Array {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(COLUMNS.map((column) => row[column]).join(','));
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

function toParquet(rows: readonly SyntheticPerson[]): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: COLUMNS.map((name) => ({
      name,
      data: rows.map((row) => row[name]),
      type: name === 'Kommun' ? 'STRING' : 'INT32',
      nullable: false,
    })),
  });
  return new Uint8Array(buffer);
}
