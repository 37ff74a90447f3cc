import { describe, it } from 'vitest';
import type { SignedTreeHead } from '../audit/signed-tree-head.js';
import { auditStoreConformance, auditTamperingConformance } from '../testing/audit-store-conformance.js';
import type { AuditLeafRecord } from './audit-store.js';
import { MemoryAuditStore } from './memory-audit-store.js';

/** Reaches into the stored rows the way someone with access to the process memory could. */
class TamperableMemoryAuditStore extends MemoryAuditStore {
  editLeaf(index: number, fields: Partial<AuditLeafRecord>): void {
    Object.assign(this.leafRecords[index]!, fields);
  }
  swapLeaves(first: number, second: number): void {
    const row = this.leafRecords[first]!;
    this.leafRecords[first] = this.leafRecords[second]!;
    this.leafRecords[second] = row;
  }
  deleteLeaves(from: number, to: number): void {
    if (to >= this.leafRecords.length) this.leafRecords.length = from;
    else for (let index = from; index < to; index++) delete this.leafRecords[index];
  }
  editSubtreeHash(level: number, index: number, hash: string): void {
    this.subtreeHashes.get(level)!.set(index, hash);
  }
  editTreeHeads(treeSize: number, fields: Partial<SignedTreeHead>): void {
    for (const head of this.treeHeads) if (head.treeSize === treeSize) Object.assign(head, fields);
  }
  deleteTreeHeads(treeSize: number): void {
    const kept = this.treeHeads.filter((head) => head.treeSize !== treeSize);
    this.treeHeads.splice(0, this.treeHeads.length, ...kept);
  }
}

describe('MemoryAuditStore', () => {
  for (const check of auditStoreConformance(async () => new MemoryAuditStore())) it(check.name, check.run);

  const tamperable = async () => {
    const store = new TamperableMemoryAuditStore();
    return {
      store,
      editLeaf: async (index: number, fields: Partial<AuditLeafRecord>) => store.editLeaf(index, fields),
      swapLeaves: async (first: number, second: number) => store.swapLeaves(first, second),
      deleteLeaves: async (from: number, to: number) => store.deleteLeaves(from, to),
      editSubtreeHash: async (level: number, index: number, hash: string) => store.editSubtreeHash(level, index, hash),
      editTreeHeads: async (treeSize: number, fields: Partial<SignedTreeHead>) => store.editTreeHeads(treeSize, fields),
      deleteTreeHeads: async (treeSize: number) => store.deleteTreeHeads(treeSize),
    };
  };
  for (const check of auditTamperingConformance(tamperable)) it(check.name, check.run);
});
