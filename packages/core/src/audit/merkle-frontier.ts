import { EMPTY_TREE_ROOT, hashChildren } from './merkle.js';

/** The complete subtree at `level` that covers leaves `index * 2^level ..`, with its hash. */
export interface MerkleSubtree {
  level: number;
  index: number;
  hash: Buffer;
}

/**
 * The right frontier of a Merkle tree: the complete subtrees that the binary decomposition of its size picks
 * (for 13 = 8 + 4 + 1 leaves, the subtrees over 0..7, 8..11 and 12), largest first. Appending a leaf merges
 * equal-sized subtrees like a binary counter carries, so it costs O(log n) hashes at worst and O(1) on average,
 * and the root folds the frontier from the right, as MTH's split at the largest power of two does.
 */
export class MerkleFrontier {
  private constructor(
    private readonly subtrees: MerkleSubtree[],
    private leafCount: number,
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier([], 0);
  }

  /** Rebuilds the frontier from its subtrees, which must be those of `decompose(size)`, in that order. */
  static fromSubtrees(size: number, subtrees: readonly MerkleSubtree[]): MerkleFrontier {
    const expected = decompose(size);
    if (
      expected.length !== subtrees.length ||
      expected.some((range, position) => {
        const subtree = subtrees[position]!;
        return subtree.level !== range.level || subtree.index !== range.index;
      })
    ) {
      throw new RangeError(`Subtrees do not form the frontier of a tree of ${size} leaves`);
    }
    return new MerkleFrontier(
      subtrees.map((subtree) => ({ ...subtree })),
      size,
    );
  }

  get size(): number {
    return this.leafCount;
  }

  /**
   * Adds the next leaf. `onComplete` hears of every subtree above level 0 that the leaf completes, lowest
   * first, so a caller can store or check them.
   */
  push(leafHash: Buffer, onComplete?: (subtree: MerkleSubtree) => void): void {
    let carry: MerkleSubtree = { level: 0, index: this.leafCount, hash: leafHash };
    let last = this.subtrees.at(-1);
    while (last !== undefined && last.level === carry.level) {
      this.subtrees.pop();
      carry = { level: carry.level + 1, index: last.index / 2, hash: hashChildren(last.hash, carry.hash) };
      onComplete?.(carry);
      last = this.subtrees.at(-1);
    }
    this.subtrees.push(carry);
    this.leafCount += 1;
  }

  /** MTH of all leaves so far, as bytes. */
  rootBytes(): Buffer {
    let root: Buffer | undefined;
    for (let position = this.subtrees.length - 1; position >= 0; position--) {
      const subtree = this.subtrees[position]!;
      root = root === undefined ? subtree.hash : hashChildren(subtree.hash, root);
    }
    return root ?? Buffer.from(EMPTY_TREE_ROOT, 'hex');
  }

  /** MTH of all leaves so far, lower-case hex. */
  root(): string {
    return this.rootBytes().toString('hex');
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(
      this.subtrees.map((subtree) => ({ ...subtree })),
      this.leafCount,
    );
  }
}

/** The complete subtrees (level, index) a tree of `size` leaves decomposes into, largest first. */
export function decompose(size: number): { level: number; index: number }[] {
  const ranges: { level: number; index: number }[] = [];
  let start = 0;
  let level = 0;
  while (2 ** (level + 1) <= size) level += 1;
  for (; level >= 0 && start < size; level--) {
    const width = 2 ** level;
    if (start + width <= size) {
      ranges.push({ level, index: start / width });
      start += width;
    }
  }
  return ranges;
}
