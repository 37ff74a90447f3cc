import fc from 'fast-check';

/**
 * The seed is fixed by default so that `npm test` checks the same inputs on every machine and a red run is
 * reproducible by rerunning it. `FUZZ_SEED=<integer>` replays or explores another seed, `FUZZ_SEED=random` draws
 * one (and prints it); `FUZZ_SCALE=<number>` multiplies every property's run count for a longer soak.
 */
const defaultSeed = 20_261_127;

function seedFromEnvironment(): number {
  const text = process.env.FUZZ_SEED;
  if (text === undefined || text === '') return defaultSeed;
  if (text === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", got "${text}"`);
  return seed;
}

function scaleFromEnvironment(): number {
  const text = process.env.FUZZ_SCALE;
  if (text === undefined || text === '') return 1;
  const scale = Number(text);
  if (!(scale > 0)) throw new Error(`FUZZ_SCALE must be a positive number, got "${text}"`);
  return scale;
}

export const fuzzSeed = seedFromEnvironment();
export const fuzzScale = scaleFromEnvironment();

/** A property's run count after `FUZZ_SCALE`. */
export function scaledRuns(runs: number): number {
  return Math.max(1, Math.round(runs * fuzzScale));
}

/**
 * Checks `property` for `runs` inputs with the suite's seed. On failure the error names the seed, the
 * shrunk counterexample and the command that replays it.
 */
export function checkProperty<Values>(name: string, property: fc.IProperty<Values>, runs: number): void {
  const details = fc.check(property, { seed: fuzzSeed, numRuns: runs });
  if (!details.failed) return;
  const replay = `FUZZ_SEED=${fuzzSeed} npx vitest run (in fuzz/), fast-check path ${details.counterexamplePath}`;
  console.error(`fuzz property "${name}" failed; seed ${fuzzSeed}; replay: ${replay}`);
  throw new Error(
    `fuzz property "${name}" failed after ${details.numRuns} inputs (seed ${fuzzSeed}, path ${details.counterexamplePath}).\n` +
      `Counterexample: ${fc.stringify(details.counterexample).slice(0, 2_000)}\n` +
      `Replay: ${replay}`,
    { cause: details.errorInstance },
  );
}
