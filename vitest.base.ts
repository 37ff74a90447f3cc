import { defineConfig } from 'vitest/config';

/**
 * Tests run against workspace sources (the "@rampart/source" export condition), so no build is needed first.
 * The rest is Node's own resolution order: `module` is left out because it makes Vite pick ESM builds meant for
 * bundlers (e.g. @smithy's `dist-es`, whose extensionless imports Node cannot run), unlike production.
 */
const conditions = ['@rampart/source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
