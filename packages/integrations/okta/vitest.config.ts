import { defineConfig } from 'vitest/config';
import base from '../../../vitest.base';

// As in packages/connector-kit: without `module`, @smithy (AWS SigV4 in the kit) resolves to its Node build.
const conditions = ['@rampart/source', 'node', 'import', 'default'];

export default defineConfig({
  ...base,
  resolve: { ...base.resolve, conditions },
  ssr: { ...base.ssr, resolve: { ...base.ssr?.resolve, conditions } },
});
