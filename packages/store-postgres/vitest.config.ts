import { defineConfig } from 'vitest/config';
import base from '../../vitest.base.ts';

/**
 * The shared settings, without the `import` condition: vitest hands conditions to Node as `--conditions`, which
 * also steer `require`, and pg's CommonJS `require('pg-pool')` would then load pg-pool's ESM wrapper and get a
 * module namespace instead of the class. Node adds `import` or `require` itself, by how a module is loaded.
 */
const conditions = ['@rampart/source', 'node', 'default'];

export default defineConfig({
  ...base,
  resolve: { ...base.resolve, conditions },
  ssr: { ...base.ssr, resolve: { ...base.ssr?.resolve, conditions } },
});
