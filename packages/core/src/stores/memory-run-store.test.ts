import { describe, it } from 'vitest';
import { runStoreConformance } from '../testing/run-store-conformance.js';
import { MemoryRunStore } from './memory-run-store.js';

describe('MemoryRunStore', () => {
  for (const check of runStoreConformance(async () => new MemoryRunStore())) it(check.name, check.run);
});
