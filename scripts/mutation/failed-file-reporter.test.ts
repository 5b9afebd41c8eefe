import type { RunnerTask, RunnerTestFile } from 'vitest';
import { describe, expect, it } from 'vitest';
import { addLoadFailure } from './failed-file-reporter.js';

type State = 'pass' | 'fail';
const loadError = { message: 'Cannot read properties of undefined', name: 'TypeError' };

/** A file's results as vitest keeps them, with only what the reporter reads. */
function fileWith(state: State, tests: State[], nested = false): RunnerTestFile {
  const testTasks = tests.map((testState, i) => ({
    type: 'test',
    name: `test ${i}`,
    result: { state: testState },
  }));
  const tasks = nested ? [{ type: 'suite', name: 'a suite', tasks: testTasks }] : testTasks;
  return {
    type: 'suite',
    id: 'f1',
    name: 'a.test.ts',
    result: { state, ...(state === 'fail' ? { errors: [loadError] } : {}) },
    tasks,
  } as unknown as RunnerTestFile;
}

const testsOf = (task: RunnerTask): RunnerTask[] =>
  task.type === 'test' ? [task] : task.tasks.flatMap(testsOf);

describe('addLoadFailure', () => {
  it('gives a file that failed with no test in it one failed test carrying its error', () => {
    const file = fileWith('fail', []);
    addLoadFailure(file);
    expect(testsOf(file)).toEqual([
      expect.objectContaining({ type: 'test', mode: 'run', result: { state: 'fail', errors: [loadError] } }),
    ]);
  });

  it('does the same when the tests it collected all passed, as when a hook after them failed', () => {
    const file = fileWith('fail', ['pass', 'pass'], true);
    addLoadFailure(file);
    expect(testsOf(file).map((test) => test.result?.state)).toEqual(['pass', 'pass', 'fail']);
  });

  it('leaves a file whose failure a failed test already shows, at any depth', () => {
    for (const nested of [false, true]) {
      const file = fileWith('fail', ['pass', 'fail'], nested);
      addLoadFailure(file);
      expect(testsOf(file).map((test) => test.result?.state)).toEqual(['pass', 'fail']);
    }
  });

  it('leaves a file that passed', () => {
    const file = fileWith('pass', ['pass']);
    addLoadFailure(file);
    expect(testsOf(file)).toHaveLength(1);
  });
});
