import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.base.ts';

/** Chromium starts in a second or two on an idle machine; far longer on a busy two-core CI runner. */
export default mergeConfig(base, defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } }));
