import type { MutantResult } from '@stryker-mutator/api/core';

export interface ModuleScore {
  module: string;
  /** Mutants a test noticed, those that timed out (a loop) included. */
  killed: number;
  timedOut: number;
  /** Mutants no test noticed, those no test reached included. */
  survived: number;
  /** killed / (killed + survived), in percent; NaN with no mutant to judge. */
  score: number;
}

/** StrykerJS's mutation score of one module: ignored mutants and those that did not run are not counted. */
export function scoreOf(module: string, mutants: readonly Pick<MutantResult, 'status'>[]): ModuleScore {
  const count = (...statuses: MutantResult['status'][]) =>
    mutants.filter((mutant) => statuses.includes(mutant.status)).length;
  const killed = count('Killed', 'Timeout');
  const survived = count('Survived', 'NoCoverage');
  return {
    module,
    killed,
    timedOut: count('Timeout'),
    survived,
    score: (100 * killed) / (killed + survived),
  };
}

/** The scores as a table, one module a line. */
export function formatScores(scores: readonly ModuleScore[]): string {
  const width = Math.max(6, ...scores.map((score) => score.module.length));
  const line = (cells: string[]) =>
    [cells[0]?.padEnd(width), ...cells.slice(1).map((cell) => cell.padStart(9))].join('  ');
  return [
    line(['module', 'mutants', 'killed', 'timed out', 'survived', 'score']),
    ...scores.map((score) =>
      line([
        score.module,
        String(score.killed + score.survived),
        String(score.killed),
        String(score.timedOut),
        String(score.survived),
        `${score.score.toFixed(2)}%`,
      ]),
    ),
  ].join('\n');
}
