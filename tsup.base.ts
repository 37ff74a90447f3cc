import { defineConfig, type Options } from 'tsup';

/** Shared build settings: ESM with declarations, one file per entry, dependencies external. */
export function packageBuild(entry: Options['entry'] = ['src/index.ts'], overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
