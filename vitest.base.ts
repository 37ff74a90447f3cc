import { defineConfig } from 'vitest/config';

/**
 * Tests run against workspace sources (the "@rampart/source" export condition), so no build is needed first.
 * The rest is Node's own resolution order: `module` is left out because it makes Vite pick ESM builds meant for
 * bundlers (e.g. @smithy's `dist-es`, whose extensionless imports Node cannot run), unlike production.
 */
const conditions = ['@rampart/source', 'node', 'import', 'default'];

const test = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  testTimeout: 20_000,
};

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test,
});

/**
 * The same settings without the `import` condition, for packages whose tests load `pg`: vitest hands conditions to
 * Node as `--conditions`, which also steer `require`, and pg's CommonJS `require('pg-pool')` would then load
 * pg-pool's ESM wrapper and get a module namespace instead of the class. Node adds `import` or `require` itself, by
 * how a module is loaded.
 */
const conditionsForCommonJsDependencies = ['@rampart/source', 'node', 'default'];

export const configForCommonJsDependencies = defineConfig({
  resolve: { conditions: conditionsForCommonJsDependencies },
  ssr: { resolve: { conditions: conditionsForCommonJsDependencies } },
  test,
});
