import { AuditIntegrityError } from '../errors.js';
import type { AuditStore } from '../stores/audit-store.js';
import { EMPTY_TREE_ROOT, hashChildren, splitPoint } from './merkle.js';
import { decompose, MerkleFrontier, type MerkleSubtree } from './merkle-frontier.js';

/**
 * Subtree hashes are stored for every level that is a multiple of this stride (4, 8, 12, ...; level 0 is the
 * leaf hashes). Any complete subtree's hash then costs at most 2^(stride-1) = 8 stored hashes and 7 hash
 * operations, while the stored levels add only about n/15 rows to n leaves.
 */
export const SUBTREE_LEVEL_STRIDE = 4;

export function isStoredLevel(level: number): boolean {
  return level > 0 && level % SUBTREE_LEVEL_STRIDE === 0;
}

/**
 * Roots and proofs computed from an `AuditStore`'s stored subtree hashes, never by rehashing the leaves, so a
 * proof in a tree of a million leaves reads about a hundred hashes. Implements MTH, PATH and PROOF of
 * RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 over leaf ranges.
 */
export class StoredMerkleTree {
  constructor(private readonly store: AuditStore) {}

  /** Hash of the complete subtree at `level` covering leaves from `index * 2^level`. */
  async subtreeHash(level: number, index: number): Promise<Buffer> {
    const base = level - (level % SUBTREE_LEVEL_STRIDE);
    const width = 2 ** (level - base);
    const first = index * width;
    const stored = new Map(
      (await this.store.readSubtreeHashes(base, first, first + width)).map((record) => [record.index, record.hash]),
    );
    let row: Buffer[] = [];
    for (let offset = 0; offset < width; offset++) {
      const hash = stored.get(first + offset);
      if (hash !== undefined) row.push(Buffer.from(hash, 'hex'));
      else if (base === 0) {
        throw new AuditIntegrityError(`Audit leaf ${first + offset} is missing from the store`, first + offset);
      }
      // A stored level can always be recomputed from the levels below it, should a row be missing.
      else row.push(await this.childrenHash(base, first + offset));
    }
    while (row.length > 1) {
      const next: Buffer[] = [];
      for (let position = 0; position < row.length; position += 2) {
        next.push(hashChildren(row[position]!, row[position + 1]!));
      }
      row = next;
    }
    return row[0]!;
  }

  private async childrenHash(level: number, index: number): Promise<Buffer> {
    const [left, right] = await Promise.all([
      this.subtreeHash(level - 1, index * 2),
      this.subtreeHash(level - 1, index * 2 + 1),
    ]);
    return hashChildren(left, right);
  }

  /** MTH(D[start:end]) for `start < end`, where `start` is aligned to the largest power of two below the width. */
  async rangeHash(start: number, end: number): Promise<Buffer> {
    const width = end - start;
    if (width <= 0) throw new RangeError(`Empty leaf range ${start}..${end}`);
    const k = splitPoint(width);
    // splitPoint gives the largest power of two below the width, so a power-of-two width is twice it (or 1).
    if ((width === 1 || width === 2 * k) && start % width === 0)
      return this.subtreeHash(Math.round(Math.log2(width)), start / width);
    const [left, right] = await Promise.all([this.rangeHash(start, start + k), this.rangeHash(start + k, end)]);
    return hashChildren(left, right);
  }

  /** MTH of the first `treeSize` leaves. */
  async root(treeSize: number): Promise<Buffer> {
    if (treeSize === 0) return Buffer.from(EMPTY_TREE_ROOT, 'hex');
    return this.rangeHash(0, treeSize);
  }

  /** The right frontier of the first `size` leaves, for appending after them. */
  async frontier(size: number): Promise<MerkleFrontier> {
    const ranges = decompose(size);
    const subtrees: MerkleSubtree[] = await Promise.all(
      ranges.map(async ({ level, index }) => ({ level, index, hash: await this.subtreeHash(level, index) })),
    );
    return MerkleFrontier.fromSubtrees(size, subtrees);
  }

  /** RFC 9162 §2.1.3.1 PATH(leafIndex, D[0:treeSize]), leaf side first. */
  async inclusionPath(leafIndex: number, treeSize: number): Promise<Buffer[]> {
    const path: Buffer[] = [];
    let start = 0;
    let end = treeSize;
    let index = leafIndex;
    const pending: Promise<Buffer>[] = [];
    // Descend from the root, collecting the sibling of each step; the RFC lists them from the leaf up.
    while (end - start > 1) {
      const k = splitPoint(end - start);
      if (index < k) {
        pending.push(this.rangeHash(start + k, end));
        end = start + k;
      } else {
        pending.push(this.rangeHash(start, start + k));
        start += k;
        index -= k;
      }
    }
    path.push(...(await Promise.all(pending)));
    return path.reverse();
  }

  /** RFC 9162 §2.1.4.1 PROOF(firstSize, D[0:secondSize]) for 0 < firstSize < secondSize. */
  async consistencyPath(firstSize: number, secondSize: number): Promise<Buffer[]> {
    const pending: Promise<Buffer>[] = [];
    let start = 0;
    let end = secondSize;
    let m = firstSize;
    let complete = true;
    // SUBPROOF(m, D[start:end], complete), unrolled; each step appends after the recursion's output, so
    // collected top-down the elements come out in reverse.
    while (m !== end - start) {
      const k = splitPoint(end - start);
      if (m <= k) {
        pending.push(this.rangeHash(start + k, end));
        end = start + k;
      } else {
        pending.push(this.rangeHash(start, start + k));
        start += k;
        m -= k;
        complete = false;
      }
    }
    if (!complete) pending.push(this.rangeHash(start, end));
    return (await Promise.all(pending)).reverse();
  }
}
