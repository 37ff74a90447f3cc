import { describe, it } from 'vitest';
import { caseStoreConformance } from '../testing/case-store-conformance.js';
import { createMemoryCaseStore } from './memory-case-store.js';

describe('MemoryCaseStore', () => {
  for (const check of caseStoreConformance(async () => createMemoryCaseStore())) it(check.name, check.run);
});
