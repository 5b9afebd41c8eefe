import { whyClusterCannotRun } from './requirements.js';

/** Says, once and before the list of skipped tests, why the cluster's tests are skipped here. */
export default function announceSkip(): void {
  const cannotRun = whyClusterCannotRun();
  if (cannotRun) process.stderr.write(`mona: the cluster tests are skipped: ${cannotRun}\n`);
}
