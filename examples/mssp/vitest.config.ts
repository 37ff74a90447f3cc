import { defineConfig } from 'vitest/config';
import base from '../../vitest.base.ts';

/**
 * The shared settings without the `import` condition, as in store-postgres: vitest hands conditions to Node, which
 * also steer `require`, and pg's `require('pg-pool')` would otherwise get pg-pool's ESM wrapper instead of the class.
 */
const conditions = ['@rampart/source', 'node', 'default'];

export default defineConfig({
  ...base,
  resolve: { ...base.resolve, conditions },
  ssr: { ...base.ssr, resolve: { ...base.ssr?.resolve, conditions } },
});
