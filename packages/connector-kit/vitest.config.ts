import { defineConfig } from 'vitest/config';
import base from '../../vitest.base';

// The base conditions list `module`, which makes Vite pick @smithy's `dist-es` build (extensionless ESM imports
// that Node cannot load). Node's own resolution (`node`, `import`) picks `dist-cjs`, as production does.
// (mergeConfig would append to the base list, not replace it.)
const conditions = ['@rampart/source', 'node', 'import', 'default'];

export default defineConfig({
  ...base,
  resolve: { ...base.resolve, conditions },
  ssr: { ...base.ssr, resolve: { ...base.ssr?.resolve, conditions } },
});
