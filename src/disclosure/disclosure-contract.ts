import { z } from 'zod';

// What `mona disclosure check --json` prints, and what the export workflow and its reviewers read: a contract
// other tools rely on, so its fields and rule ids only ever grow.

export const FILE_KINDS = [
  'table',
  'text',
  'spreadsheet',
  'document',
  'image',
  'archive',
  'data',
  'unknown',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** pass: nothing needs a person; review: the program cannot decide; fail: a rule that blocks release fired. */
export const VERDICTS = ['pass', 'review', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The worse of two verdicts: fail over review over pass. */
export function worseVerdict(a: Verdict, b: Verdict): Verdict {
  return VERDICTS.indexOf(a) >= VERDICTS.indexOf(b) ? a : b;
}

/** Where in a file a finding is, as far as each applies. Rows, columns and lines count from 1. */
export const findingLocation = z.strictObject({
  /** The member's path inside an archive, nested archives joined with '/'. */
  member: z.string().optional(),
  sheet: z.string().optional(),
  line: z.number().int().positive().optional(),
  row: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  /** The column's header, when the table has one. */
  header: z.string().optional(),
});
export type FindingLocation = z.output<typeof findingLocation>;

export const finding = z.strictObject({
  /** A stable id, such as `min-frequency` or `direct-identifier`. */
  rule: z.string().regex(/^[a-z][a-z0-9-]*$/),
  outcome: z.enum(['fail', 'review']),
  where: findingLocation,
  message: z.strictObject({ en: z.string().min(1), sv: z.string().min(1) }),
});
export type Finding = z.output<typeof finding>;

export const fileResult = z.strictObject({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  kind: z.enum(FILE_KINDS),
  verdict: z.enum(VERDICTS),
  findings: z.array(finding),
});
export type FileResult = z.output<typeof fileResult>;

export const checkReport = z.strictObject({ files: z.array(fileResult) });
export type CheckReport = z.output<typeof checkReport>;
