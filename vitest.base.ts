import { defineConfig } from 'vitest/config';

/** Tests run against workspace sources (the "@rampart/source" export condition), so no build is needed first. */
export default defineConfig({
  resolve: { conditions: ['@rampart/source', 'import', 'module', 'default'] },
  ssr: { resolve: { conditions: ['@rampart/source', 'import', 'module', 'default'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
