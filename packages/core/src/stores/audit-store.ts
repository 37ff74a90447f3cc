import type { SignedTreeHead } from '../audit/signed-tree-head.js';

/** One audit leaf as stored. Hashes are lower-case hex. */
export interface AuditLeafRecord {
  /** 0-based position in the log. */
  index: number;
  /** RFC 8785 canonical JSON of the audit event: the leaf's bytes are its UTF-8 encoding. */
  canonical: string;
  /** SHA-256(0x00 ‖ UTF-8 of `canonical`), RFC 6962 leaf hash. */
  leafHash: string;
  /**
   * SHA-256(0x02 ‖ uint64 index ‖ leaf hash): binds the leaf to its position, so `AuditLog.verify()` can name
   * the exact first leaf of a reordering. Not part of the Merkle tree.
   */
  positionHash: string;
}

/**
 * The hash of the complete subtree at `level` covering leaves `index * 2^level .. (index + 1) * 2^level - 1`.
 * Level 0 is the leaf hashes themselves.
 */
export interface SubtreeHashRecord {
  level: number;
  index: number;
  hash: string;
}

/** What one append writes: consecutive leaves from `firstIndex`, and the subtree hashes they complete. */
export interface AuditAppendBatch {
  firstIndex: number;
  leaves: readonly AuditLeafRecord[];
  /** Levels above 0 only; a store keeps them write-once. */
  subtreeHashes: readonly SubtreeHashRecord[];
}

/**
 * Storage for one append-only audit log. `AuditLog` does the hashing and signing; a store keeps bytes and
 * guarantees atomic, ordered appends. Every adapter must pass `auditStoreConformance` from
 * `@rampart/core/testing`.
 */
export interface AuditStore {
  /** Number of leaves: one more than the highest stored leaf index, 0 when empty. */
  size(): Promise<number>;

  /**
   * Writes the batch whole or not at all. Throws a `ConflictError` if `firstIndex` is not the current size (a
   * concurrent writer appended first); throws, writing nothing, if the leaf indexes are not consecutive from
   * `firstIndex` or a subtree hash is already stored.
   */
  append(batch: AuditAppendBatch): Promise<void>;

  /** Leaves with `from <= index < to`, in index order. */
  readLeaves(from: number, to: number): Promise<AuditLeafRecord[]>;

  /**
   * Stored subtree hashes at `level` with `from <= index < to`, in index order; ones never stored are absent.
   * Level 0 reads the leaf hashes of the leaves.
   */
  readSubtreeHashes(level: number, from: number, to: number): Promise<SubtreeHashRecord[]>;

  /** Keeps a signed tree head. */
  saveTreeHead(head: SignedTreeHead): Promise<void>;

  /** Every kept tree head, by tree size, then timestamp, then the order they were saved. */
  listTreeHeads(): Promise<SignedTreeHead[]>;

  /** The log's Ed25519 private key (PKCS#8 PEM), if one was saved. */
  getSigningKey(): Promise<string | undefined>;

  /** Saves `privateKeyPem` unless a key is already saved; returns the saved key, so racing openers agree. */
  saveSigningKeyIfAbsent(privateKeyPem: string): Promise<string>;
}
