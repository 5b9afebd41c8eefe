import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { formatScores, type ModuleScore, scoreOf } from './module-scores.js';

/**
 * `npm run test:mutation [-- --concurrency N] [module…]`: StrykerJS over each module of
 * stryker.config.mjs and stryker.medium.config.mjs in turn (or those named), then the score of each;
 * fails when one is under 95%. A run per module, not one over all: a mutant of a module's top-level
 * code (a static mutant) runs every test of its run, so one run over all would run every module's
 * tests for each, for hours.
 */
const GOAL = 95;
const CONFIG_FILES = ['stryker.config.mjs', 'stryker.medium.config.mjs'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { concurrency: { type: 'string' } },
});
const concurrency = values.concurrency === undefined ? {} : { concurrency: Number(values.concurrency) };

const runs: { configFile: string; module: string }[] = [];
for (const configFile of CONFIG_FILES) {
  const url = new URL(`../../${configFile}`, import.meta.url).href;
  const { default: config } = (await import(url)) as { default: { mutate: string[] } };
  for (const module of config.mutate) runs.push({ configFile, module });
}
const chosen = positionals.length > 0 ? runs.filter((run) => positionals.includes(run.module)) : runs;
const unknown = positionals.filter((module) => !runs.some((run) => run.module === module));
if (unknown.length > 0) throw new Error(`not in a StrykerJS configuration: ${unknown.join(', ')}`);

const scores: ModuleScore[] = [];
for (const { configFile, module } of chosen) {
  const mutants = await new Stryker({ configFile, ...concurrency, mutate: [module] }).runMutationTest();
  scores.push(scoreOf(module, mutants));
}
console.log(`\n${formatScores(scores)}`);
const short = scores.filter((score) => !(score.score >= GOAL));
if (short.length > 0) {
  console.error(`under ${GOAL}%: ${short.map((score) => score.module).join(', ')}`);
  process.exitCode = 1;
}
