import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { fuzzScale, fuzzSeed } from './fuzz-settings.js';

/** The promise: at least this many generated inputs per `npm test` run (at FUZZ_SCALE=1). */
export const minimumInputs = 100_000;

export default function setup(project: TestProject): () => void {
  const directory = mkdtempSync(join(tmpdir(), 'rampart-fuzz-'));
  project.provide('inputTallyDirectory', directory);
  console.log(`fuzz: seed ${fuzzSeed}, scale ${fuzzScale} (replay with FUZZ_SEED=${fuzzSeed})`);
  return () => {
    let text = '';
    try {
      text = readFileSync(join(directory, 'tally.jsonl'), 'utf8');
    } catch {
      // No property ran (a filtered run): nothing to add up.
    }
    rmSync(directory, { recursive: true, force: true });
    const entries = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { property: string; inputs: number });
    if (entries.length === 0) return;
    const total = entries.reduce((sum, entry) => sum + entry.inputs, 0);
    console.log(`fuzz: ${total.toLocaleString('en-US')} inputs over ${entries.length} properties (seed ${fuzzSeed})`);
    for (const entry of entries.sort((left, right) => right.inputs - left.inputs)) {
      console.log(`  ${entry.inputs.toString().padStart(8)}  ${entry.property}`);
    }
  };
}
