import { describe, it } from 'vitest';
import { graphStoreConformance } from '../testing/graph-store-conformance.js';
import { MemoryGraphStore } from './memory-graph-store.js';

describe('MemoryGraphStore', () => {
  for (const check of graphStoreConformance(async () => new MemoryGraphStore())) it(check.name, check.run);
});
