import type { SignedTreeHead } from '../audit/signed-tree-head.js';
import { ConflictError } from '../errors.js';
import type { AuditAppendBatch, AuditLeafRecord, AuditStore, SubtreeHashRecord } from './audit-store.js';

/** An `AuditStore` held in process memory: for tests, the sandbox and short-lived hosts. */
export class MemoryAuditStore implements AuditStore {
  /**
   * Leaf `i` at position `i`; the position, like a database's primary key, is its index. Protected so tests can
   * tamper with stored rows the way an attacker would.
   */
  protected readonly leafRecords: AuditLeafRecord[] = [];
  /** `level` → (`index` → hash), levels above 0. */
  protected readonly subtreeHashes = new Map<number, Map<number, string>>();
  protected readonly treeHeads: SignedTreeHead[] = [];
  protected signingKey: string | undefined;

  async size(): Promise<number> {
    return this.leafRecords.length;
  }

  async append(batch: AuditAppendBatch): Promise<void> {
    const size = this.leafRecords.length;
    if (batch.firstIndex !== size) throw new ConflictError('AuditLog', 'leaves', batch.firstIndex, size);
    // Check everything before writing anything: the batch applies whole or not at all.
    batch.leaves.forEach((leaf, offset) => {
      if (leaf.index !== batch.firstIndex + offset) {
        throw new RangeError(
          `Leaf ${offset} of the batch has index ${leaf.index}, expected ${batch.firstIndex + offset}`,
        );
      }
    });
    const seen = new Set<string>();
    for (const node of batch.subtreeHashes) {
      const key = `${node.level}:${node.index}`;
      if (node.level < 1) throw new RangeError(`Subtree hash at level ${node.level}: levels start at 1`);
      if (seen.has(key) || this.subtreeHashes.get(node.level)?.has(node.index)) {
        throw new RangeError(`Subtree hash at level ${node.level}, index ${node.index} is already stored`);
      }
      seen.add(key);
    }
    for (const leaf of batch.leaves) this.leafRecords.push({ ...leaf });
    for (const node of batch.subtreeHashes) {
      let level = this.subtreeHashes.get(node.level);
      if (!level) {
        level = new Map();
        this.subtreeHashes.set(node.level, level);
      }
      level.set(node.index, node.hash);
    }
  }

  async readLeaves(from: number, to: number): Promise<AuditLeafRecord[]> {
    const start = Math.max(0, from);
    // flatMap skips the holes a deleted row leaves, as a range query skips missing keys.
    return this.leafRecords
      .slice(start, Math.max(start, to))
      .flatMap((leaf, offset) => [{ ...leaf, index: start + offset }]);
  }

  async readSubtreeHashes(level: number, from: number, to: number): Promise<SubtreeHashRecord[]> {
    if (level === 0) {
      return (await this.readLeaves(from, to)).map((leaf) => ({ level: 0, index: leaf.index, hash: leaf.leafHash }));
    }
    const stored = this.subtreeHashes.get(level);
    const records: SubtreeHashRecord[] = [];
    if (!stored) return records;
    for (let index = Math.max(0, from); index < to; index++) {
      const hash = stored.get(index);
      if (hash !== undefined) records.push({ level, index, hash });
    }
    return records;
  }

  async saveTreeHead(head: SignedTreeHead): Promise<void> {
    this.treeHeads.push({ ...head });
  }

  async listTreeHeads(): Promise<SignedTreeHead[]> {
    // A stable sort keeps heads of equal size and time in the order they were saved.
    return this.treeHeads
      .map((head) => ({ ...head }))
      .sort((a, b) => a.treeSize - b.treeSize || a.timestamp - b.timestamp);
  }

  async getSigningKey(): Promise<string | undefined> {
    return this.signingKey;
  }

  async saveSigningKeyIfAbsent(privateKeyPem: string): Promise<string> {
    this.signingKey ??= privateKeyPem;
    return this.signingKey;
  }
}
