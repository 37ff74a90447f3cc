import * as crypto from 'node:crypto';

/**
 * Merkle tree hashing of RFC 6962 §2.1 / RFC 9162 §2.1 with SHA-256, and the pure proof verifiers of
 * RFC 9162 §2.1.3.2 and §2.1.4.2. A verifier needs only a proof, a leaf hash and a trusted tree head.
 */

const leafPrefix = Buffer.from([0x00]);
const nodePrefix = Buffer.from([0x01]);

// `crypto.hash` (Node 20.12+) skips the Hash object and is about twice as fast for these short inputs.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;

export function sha256(data: Buffer): Buffer {
  return oneShotHash ? oneShotHash('sha256', data, 'buffer') : crypto.createHash('sha256').update(data).digest();
}

/** MTH({}) = SHA-256 of the empty string: the root of a tree with no leaves. */
export const EMPTY_TREE_ROOT = sha256(Buffer.alloc(0)).toString('hex');

/** Leaf hash: SHA-256(0x00 ‖ leaf bytes). The prefix keeps a leaf from ever passing for an inner node. */
export function hashLeaf(bytes: Uint8Array): Buffer {
  return sha256(Buffer.concat([leafPrefix, bytes]));
}

/** Inner node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(Buffer.concat([nodePrefix, left, right], 1 + left.length + right.length));
}

/** The largest power of two strictly below `n` (n ≥ 2): where MTH splits a tree of `n` leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH over leaf hashes held in memory (RFC 9162 §2.1.1). A reference for small trees and tests; `AuditLog`
 * computes roots from stored subtree hashes instead of rehashing every leaf.
 */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return Buffer.from(EMPTY_TREE_ROOT, 'hex');
  if (leafHashes.length === 1) return Buffer.from(leafHashes[0]!);
  const k = splitPoint(leafHashes.length);
  return hashChildren(merkleTreeHash(leafHashes.slice(0, k)), merkleTreeHash(leafHashes.slice(k)));
}

/** Proof that the leaf with hash `leafHash` sits at `leafIndex` in the tree of `treeSize` leaves with root `rootHash`. */
export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  /** Lower-case hex. */
  leafHash: string;
  /** Lower-case hex. */
  rootHash: string;
  /** Sibling hashes from the leaf up, lower-case hex (RFC 9162 `inclusion_path`). */
  auditPath: string[];
}

/** Proof that the tree of `secondSize` leaves extends the tree of `firstSize` leaves without changing it. */
export interface ConsistencyProof {
  firstSize: number;
  secondSize: number;
  /** Lower-case hex. */
  firstRoot: string;
  /** Lower-case hex. */
  secondRoot: string;
  /** RFC 9162 `consistency_path`, lower-case hex. */
  proof: string[];
}

/** A tree head the verifier already trusts, e.g. from a signed tree head it checked. */
export interface TrustedTreeHead {
  treeSize: number;
  rootHash: string;
}

const hexHash = /^[0-9a-f]{64}$/;

function isHash(value: unknown): value is string {
  return typeof value === 'string' && hexHash.test(value);
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isOdd(value: number): boolean {
  return value % 2 === 1;
}

/**
 * Checks an inclusion proof with the algorithm of RFC 9162 §2.1.3.2. With `trusted`, the proof must also be
 * for that head (same size and root), which is how a verifier anchors it; without, it checks only that the
 * path leads from the leaf hash to the proof's own root. Malformed input gives `false`, never a throw.
 */
export function verifyInclusionProof(proof: InclusionProof, trusted?: TrustedTreeHead): boolean {
  const { leafIndex, treeSize, leafHash, rootHash, auditPath } = proof;
  if (!isSize(leafIndex) || !isSize(treeSize) || !isHash(leafHash) || !isHash(rootHash)) return false;
  if (!Array.isArray(auditPath) || !auditPath.every(isHash)) return false;
  if (trusted && (trusted.treeSize !== treeSize || trusted.rootHash !== rootHash)) return false;
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash, 'hex');
  for (const element of auditPath) {
    if (sn === 0) return false;
    const p = Buffer.from(element, 'hex');
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === rootHash;
}

/**
 * Checks a consistency proof with the algorithm of RFC 9162 §2.1.4.2 for 0 < firstSize < secondSize. The
 * edge cases the RFC leaves out: equal sizes need an empty proof and equal roots; a first size of 0 needs an
 * empty proof and the empty-tree root (every tree extends the empty one). With `trusted`, both roots must
 * also match those heads.
 */
export function verifyConsistencyProof(
  proof: ConsistencyProof,
  trusted?: { first: TrustedTreeHead; second: TrustedTreeHead },
): boolean {
  const { firstSize, secondSize, firstRoot, secondRoot } = proof;
  if (!isSize(firstSize) || !isSize(secondSize) || !isHash(firstRoot) || !isHash(secondRoot)) return false;
  if (!Array.isArray(proof.proof) || !proof.proof.every(isHash)) return false;
  if (trusted) {
    if (trusted.first.treeSize !== firstSize || trusted.first.rootHash !== firstRoot) return false;
    if (trusted.second.treeSize !== secondSize || trusted.second.rootHash !== secondRoot) return false;
  }
  if (firstSize > secondSize) return false;
  if (firstSize === 0) return proof.proof.length === 0 && firstRoot === EMPTY_TREE_ROOT;
  if (firstSize === secondSize) return proof.proof.length === 0 && firstRoot === secondRoot;
  if (proof.proof.length === 0) return false;

  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof.proof] : proof.proof;
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (isOdd(fn)) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]!, 'hex');
  let sr: Buffer = fr;
  for (const element of path.slice(1)) {
    if (sn === 0) return false;
    const c = Buffer.from(element, 'hex');
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.toString('hex') === firstRoot && sr.toString('hex') === secondRoot;
}

function isPowerOfTwo(value: number): boolean {
  let power = 1;
  while (power < value) power *= 2;
  return power === value;
}
