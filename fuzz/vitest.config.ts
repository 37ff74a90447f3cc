import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.base.ts';

/**
 * Fuzz properties run for seconds each, far past a unit test's timeout. The global setup adds up the inputs
 * every file ran and prints the total (and fails the run below the floor the suite promises).
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      testTimeout: 300_000,
      globalSetup: ['./src/input-tally-setup.ts'],
    },
  }),
);
