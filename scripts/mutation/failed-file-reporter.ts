import type { RunnerTask, RunnerTestCase, RunnerTestFile } from 'vitest';
import type { Reporter, Vitest } from 'vitest/node';

/**
 * For mutation runs (vitest.mutation.config.ts): a test file that failed while none of its tests did,
 * because it threw while loading or while its tests were collected, gets one failed test in its
 * results. StrykerJS's vitest runner judges a mutant by the tests' results alone, so a mutant that
 * stops a module from loading would otherwise count as survived (stryker-js issue 6150).
 */
export class FailedFileReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) addLoadFailure(file);
  }
}

export function addLoadFailure(file: RunnerTestFile): void {
  if (file.result?.state !== 'fail' || hasFailedTest(file)) return;
  const failure: Omit<RunnerTestCase, 'context'> = {
    type: 'test',
    id: `${file.id}_load`,
    name: 'the test file loads',
    fullName: `${file.name} the test file loads`,
    fullTestName: 'the test file loads',
    mode: 'run',
    meta: {},
    file,
    suite: file,
    timeout: 0,
    annotations: [],
    artifacts: [],
    result: { state: 'fail', errors: file.result.errors ?? [] },
  };
  // Nothing reads a test's context once the run is over.
  file.tasks.push(failure as RunnerTestCase);
}

function hasFailedTest(task: RunnerTask): boolean {
  if (task.type === 'test') return task.result?.state === 'fail';
  return task.tasks.some(hasFailedTest);
}
