/**
 * fast-check settings for the properties that run commands through a store, where one run
 * takes tens to hundreds of milliseconds. The whole check, shrinking included, stops after
 * PROPERTY_TIME_LIMIT_MS, well inside the test's own time-out: a broken rule or fold then
 * fails with the smallest counterexample found so far and its seed, rather than timing out
 * with none. A slow machine that reaches the limit before `numRuns` without a failure passes
 * with the runs it made. LEDGER_PROPERTY_RUNS changes the number of runs, and
 * LEDGER_PROPERTY_SEED=<seed> runs a reported history again.
 */
const PROPERTY_TIME_LIMIT_MS = 40_000;

export function propertyParameters(defaultRuns: number): { numRuns: number; interruptAfterTimeLimit: number; seed?: number } {
  const seed = process.env.LEDGER_PROPERTY_SEED;
  return {
    numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? defaultRuns),
    interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS,
    ...(seed ? { seed: Number(seed) } : {}),
  };
}
