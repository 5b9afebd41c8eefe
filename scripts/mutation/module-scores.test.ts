import type { MutantResult } from '@stryker-mutator/api/core';
import { describe, expect, it } from 'vitest';
import { formatScores, scoreOf } from './module-scores.js';

const mutants = (counts: Partial<Record<MutantResult['status'], number>>) =>
  Object.entries(counts).flatMap(([status, n]) =>
    Array.from({ length: n }, () => ({ status: status as MutantResult['status'] })),
  );

describe('scoreOf', () => {
  it('counts timed-out mutants as killed and unreached ones as survived, and leaves out the rest', () => {
    const score = scoreOf(
      'src/a.ts',
      mutants({
        Killed: 15,
        Timeout: 2,
        Survived: 2,
        NoCoverage: 1,
        Ignored: 7,
        RuntimeError: 1,
        CompileError: 1,
      }),
    );
    expect(score).toEqual({ module: 'src/a.ts', killed: 17, timedOut: 2, survived: 3, score: 85 });
  });
});

describe('formatScores', () => {
  it('gives a line per module under a heading', () => {
    const table = formatScores([
      scoreOf('src/identity/totp.ts', mutants({ Killed: 106 })),
      scoreOf('src/a.ts', mutants({ Killed: 2, Survived: 1 })),
    ]);
    expect(table.split('\n')).toEqual([
      'module                  mutants     killed  timed out   survived      score',
      'src/identity/totp.ts        106        106          0          0    100.00%',
      'src/a.ts                      3          2          0          1     66.67%',
    ]);
  });
});
