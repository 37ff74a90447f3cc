import type { KeyObject } from 'node:crypto';
import { type Clock, systemClock } from '../clock.js';
import { AuditIntegrityError, ConflictError, ValidationError } from '../errors.js';
import type { AuditLeafRecord, AuditStore, SubtreeHashRecord } from '../stores/audit-store.js';
import type { AuditEvent, AuditSink } from './audit-event.js';
import { auditLeafOf, canonicalAuditEvent, positionHash } from './audit-leaf.js';
import { type ConsistencyProof, hashLeaf, type InclusionProof } from './merkle.js';
import { MerkleFrontier, type MerkleSubtree } from './merkle-frontier.js';
import {
  generateSigningKey,
  type KeyInput,
  keyIdOf,
  publicKeyPem,
  SignedTreeHead,
  signTreeHead,
  toSigningKey,
  toVerificationKey,
  verifySignedTreeHead,
} from './signed-tree-head.js';
import { isStoredLevel, StoredMerkleTree } from './stored-merkle-tree.js';

export interface AuditLogOptions {
  /** Timestamps of signed tree heads. Defaults to the system clock. */
  clock?: Clock;
  /**
   * The Ed25519 private key that signs tree heads (a `KeyObject` or PKCS#8 PEM), e.g. from a secrets
   * provider. Without one, the log uses the key saved in its store, generating and saving one on first open,
   * so a reopened store keeps signing with the same key.
   */
  signingKey?: KeyInput;
}

/** A stored leaf as `AuditLog.leaves()` yields it. */
export interface AuditLeafEntry {
  index: number;
  canonical: string;
  /** Lower-case hex, as stored. */
  leafHash: string;
}

/** What `AuditLog.verify()` found. `firstBadLeaf` is the lowest leaf index whose integrity could not be shown. */
export type AuditVerification =
  | { ok: true; size: number; root: string }
  | { ok: false; firstBadLeaf: number; reason: string };

export interface AuditVerifyOptions {
  /**
   * Check heads against this public key instead of the log's own. Someone who can rewrite the store can also
   * replace the stored key and re-sign; a key kept elsewhere is what makes that detectable.
   */
  publicKey?: KeyInput;
  /** Signed tree heads kept outside the store (published, or held by an auditor), checked like stored ones. */
  trustedHeads?: readonly SignedTreeHead[];
  /**
   * Also parse every leaf as an `AuditEvent` and check that its text is canonical. Hashes and heads already
   * prove integrity; this catches well-hashed garbage written past the log's API after the last signed head.
   * Costs about three times the hashing. Default `false`.
   */
  checkEvents?: boolean;
  /** Leaves read per store call. Default 4096. */
  pageSize?: number;
}

type Failure = { ok: false; firstBadLeaf: number; reason: string };

const maxAppendAttempts = 50;
const leafPageSize = 1024;

/**
 * A tamper-evident, append-only log of audit events: an RFC 6962/9162 Merkle tree over the canonical JSON of
 * each event, with Ed25519-signed tree heads, inclusion and consistency proofs, and a full `verify()`.
 *
 * Appends cost O(log n): the log keeps the tree's right frontier in memory and stores the hashes of complete
 * subtrees at every fourth level, so roots and proofs at any size read O(log n) stored hashes, never the leaves.
 * Several `AuditLog`s may share one store: a stale writer gets a conflict from the store, backs off and retries.
 * Appends are optimistic, so under sustained contention one writer per log appends fastest.
 */
export class AuditLog implements AuditSink {
  /** Lower-case hex SHA-256 of the public key (SPKI DER); signed tree heads carry it. */
  readonly keyId: string;
  /** The key that verifies this log's signed tree heads. */
  readonly publicKey: KeyObject;
  private readonly tree: StoredMerkleTree;
  private frontier: MerkleFrontier | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: AuditStore,
    private readonly signingKey: KeyObject,
    private readonly clock: Clock,
  ) {
    this.tree = new StoredMerkleTree(store);
    this.publicKey = toVerificationKey(signingKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  /** Opens the log kept in `store`, loading (or creating and saving) its signing key unless one is given. */
  static async open(store: AuditStore, options: AuditLogOptions = {}): Promise<AuditLog> {
    let signingKey: KeyObject;
    if (options.signingKey !== undefined) signingKey = toSigningKey(options.signingKey);
    else {
      let pem = await store.getSigningKey();
      if (pem === undefined) {
        const generated = generateSigningKey().export({ type: 'pkcs8', format: 'pem' }).toString();
        pem = await store.saveSigningKeyIfAbsent(generated);
      }
      signingKey = toSigningKey(pem);
    }
    return new AuditLog(store, signingKey, options.clock ?? systemClock);
  }

  /** SPKI PEM of the public key, for verifiers that check signed tree heads offline. */
  publicKeyPem(): string {
    return publicKeyPem(this.publicKey);
  }

  /**
   * Validates every event, then appends them all atomically, in order. Returns their leaf indexes. Nothing is
   * written if any event is invalid (`ValidationError`) or not canonicalisable (`CanonicalJsonError`).
   */
  async appendMany(events: readonly AuditEvent[]): Promise<number[]> {
    const leaves = events.map((event, position) => {
      const leaf = auditLeafOf(event, `AuditEvent[${position}]`);
      return { canonical: leaf.canonical, leafHash: Buffer.from(leaf.leafHash, 'hex') };
    });
    if (leaves.length === 0) return [];
    return this.exclusive(async () => {
      for (let attempt = 1; ; attempt++) {
        const frontier = (await this.synced()).clone();
        const firstIndex = frontier.size;
        const records: AuditLeafRecord[] = [];
        const subtreeHashes: SubtreeHashRecord[] = [];
        const keep = (subtree: MerkleSubtree) => {
          if (isStoredLevel(subtree.level)) {
            subtreeHashes.push({ level: subtree.level, index: subtree.index, hash: subtree.hash.toString('hex') });
          }
        };
        leaves.forEach((leaf, offset) => {
          const index = firstIndex + offset;
          records.push({
            index,
            canonical: leaf.canonical,
            leafHash: leaf.leafHash.toString('hex'),
            positionHash: positionHash(index, leaf.leafHash).toString('hex'),
          });
          frontier.push(leaf.leafHash, keep);
        });
        try {
          await this.store.append({ firstIndex, leaves: records, subtreeHashes });
        } catch (error) {
          // Whatever happened, the in-memory frontier may no longer match the store: reload it next time.
          this.frontier = undefined;
          if (ConflictError.isInstance(error) && attempt < maxAppendAttempts) {
            // Step aside so the writer that won can drain its queue; retrying at once would lose again.
            await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 20)));
            continue;
          }
          throw error;
        }
        this.frontier = frontier;
        return records.map((record) => record.index);
      }
    });
  }

  /** Appends one event; returns its leaf index. */
  async append(event: AuditEvent): Promise<number> {
    const [index] = await this.appendMany([event]);
    return index!;
  }

  /** Number of leaves in the log. */
  async size(): Promise<number> {
    return this.exclusive(async () => (await this.synced()).size);
  }

  /** Lower-case hex MTH of the first `treeSize` leaves (default: all of them). */
  async root(treeSize?: number): Promise<string> {
    if (treeSize === undefined) return this.exclusive(async () => (await this.synced()).root());
    await this.checkSize('root', 'treeSize', treeSize, 0);
    return this.rootAt(treeSize);
  }

  /** Signs the current tree head with the log's key, keeps it in the store and returns it. */
  async signTreeHead(): Promise<SignedTreeHead> {
    return this.exclusive(async () => {
      const frontier = await this.synced();
      const head = signTreeHead(
        { treeSize: frontier.size, rootHash: frontier.root(), timestamp: this.clock.now() },
        this.signingKey,
      );
      await this.store.saveTreeHead(head);
      return head;
    });
  }

  /** Every signed tree head kept in the store, by tree size. */
  async treeHeads(): Promise<SignedTreeHead[]> {
    return this.store.listTreeHeads();
  }

  /** The kept head with the largest tree size (the latest signed of those), if any. */
  async latestTreeHead(): Promise<SignedTreeHead | undefined> {
    return (await this.store.listTreeHeads()).at(-1);
  }

  /** RFC 9162 inclusion proof of leaf `leafIndex` in the tree of `treeSize` leaves (default: all of them). */
  async inclusionProof(leafIndex: number, treeSize?: number): Promise<InclusionProof> {
    const size = treeSize ?? (await this.size());
    await this.checkSize('inclusion proof', 'treeSize', size, 1);
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= size) {
      throw invalid('inclusion proof', 'leafIndex', `must be an integer from 0 to ${size - 1}`);
    }
    const [leaf] = await this.store.readLeaves(leafIndex, leafIndex + 1);
    if (leaf?.index !== leafIndex) throw new AuditIntegrityError(`Audit leaf ${leafIndex} is missing`, leafIndex);
    const [auditPath, rootHash] = await Promise.all([this.tree.inclusionPath(leafIndex, size), this.rootAt(size)]);
    return {
      leafIndex,
      treeSize: size,
      // The hash of the stored bytes, not the stored hash: a proof vouches for the leaf's content.
      leafHash: hashLeaf(Buffer.from(leaf.canonical, 'utf8')).toString('hex'),
      rootHash,
      auditPath: auditPath.map((hash) => hash.toString('hex')),
    };
  }

  /** RFC 9162 consistency proof that the tree of `secondSize` leaves extends the tree of `firstSize` leaves. */
  async consistencyProof(firstSize: number, secondSize: number): Promise<ConsistencyProof> {
    await this.checkSize('consistency proof', 'secondSize', secondSize, 0);
    if (!Number.isSafeInteger(firstSize) || firstSize < 0 || firstSize > secondSize) {
      throw invalid('consistency proof', 'firstSize', `must be an integer from 0 to ${secondSize}`);
    }
    const trivial = firstSize === 0 || firstSize === secondSize;
    const [proof, firstRoot, secondRoot] = await Promise.all([
      trivial ? Promise.resolve([]) : this.tree.consistencyPath(firstSize, secondSize),
      this.rootAt(firstSize),
      this.rootAt(secondSize),
    ]);
    return { firstSize, secondSize, firstRoot, secondRoot, proof: proof.map((hash) => hash.toString('hex')) };
  }

  /** The stored leaves with `from <= index < to` (default: all), read page by page. */
  async *leaves(from = 0, to?: number): AsyncIterable<AuditLeafEntry> {
    const end = to ?? (await this.store.size());
    for (let start = Math.max(0, from); start < end; start += leafPageSize) {
      const page = await this.store.readLeaves(start, Math.min(end, start + leafPageSize));
      for (const leaf of page) yield { index: leaf.index, canonical: leaf.canonical, leafHash: leaf.leafHash };
    }
  }

  /**
   * Recomputes the whole log from the stored canonical text, streaming it page by page: every leaf hash, the
   * position of every leaf, every stored subtree hash, and, at the size of every signed tree head (stored or
   * given), its signature and its root. Names the first leaf whose integrity cannot be shown: a changed,
   * missing or moved leaf exactly; a head whose root or signature fails at the first leaf it does not vouch
   * for; a log shorter than a head at its current size.
   *
   * It cannot see a rewrite that recomputes every hash and re-signs with the stored key, nor a truncation back
   * before the last kept head with that head deleted: only a public key and heads kept outside the store
   * (`publicKey`, `trustedHeads`) catch those.
   */
  async verify(options: AuditVerifyOptions = {}): Promise<AuditVerification> {
    const key = options.publicKey === undefined ? this.publicKey : toVerificationKey(options.publicKey);
    const keyId = keyIdOf(key);
    const checkEvents = options.checkEvents ?? false;
    const pageSize = options.pageSize ?? 4096;
    const heads = [...(await this.store.listTreeHeads()), ...(options.trustedHeads ?? [])];
    const unusable = heads.find((head) => !Number.isSafeInteger(head?.treeSize) || head.treeSize < 0);
    if (unusable) return fail(0, `a signed tree head has no valid tree size (${String(unusable?.treeSize)})`);
    heads.sort((a, b) => a.treeSize - b.treeSize);
    const size = await this.store.size();
    const frontier = MerkleFrontier.empty();
    let verifiedUpTo = 0;
    let nextHead = 0;

    const checkHeadsAt = (treeSize: number): Failure | undefined => {
      let checked = false;
      while (nextHead < heads.length && heads[nextHead]!.treeSize === treeSize) {
        const head = heads[nextHead++]!;
        const what = `signed tree head at size ${treeSize} (timestamp ${head.timestamp})`;
        if (!SignedTreeHead.safeParse(head).success) return fail(verifiedUpTo, `${what} is malformed`);
        if (head.keyId !== keyId) return fail(verifiedUpTo, `${what} names key ${head.keyId}, expected ${keyId}`);
        if (!verifySignedTreeHead(head, key)) return fail(verifiedUpTo, `${what} has an invalid signature`);
        const root = frontier.root();
        if (head.rootHash !== root) {
          return fail(verifiedUpTo, `${what} has root ${head.rootHash}, but the leaves give ${root}`);
        }
        checked = true;
      }
      if (checked) verifiedUpTo = treeSize;
      return undefined;
    };

    const initial = checkHeadsAt(0);
    if (initial) return initial;
    for (let start = 0; start < size; start += pageSize) {
      const end = Math.min(size, start + pageSize);
      const records = await this.store.readLeaves(start, end);
      const completed: MerkleSubtree[] = [];
      const keep = (subtree: MerkleSubtree) => {
        if (isStoredLevel(subtree.level)) completed.push(subtree);
      };
      let failure: Failure | undefined;
      for (let index = start; index < end && failure === undefined; index++) {
        const record = records[index - start];
        if (record?.index !== index) {
          failure = fail(index, `leaf ${index} is missing from the store`);
          break;
        }
        const leafHash = hashLeaf(Buffer.from(record.canonical, 'utf8'));
        const computed = leafHash.toString('hex');
        if (computed !== record.leafHash) {
          failure = fail(
            index,
            `leaf ${index} has stored hash ${record.leafHash}, but its canonical JSON hashes to ${computed}`,
          );
          break;
        }
        if (positionHash(index, leafHash).toString('hex') !== record.positionHash) {
          failure = fail(index, `leaf ${index} is not the leaf appended at index ${index} (position hash mismatch)`);
          break;
        }
        if (checkEvents) failure = checkEvent(index, record.canonical);
        if (failure) break;
        frontier.push(leafHash, keep);
        failure = checkHeadsAt(index + 1);
      }
      const subtreeFailure = await this.checkStoredSubtrees(completed);
      const earliest = [subtreeFailure, failure]
        .filter((candidate) => candidate !== undefined)
        .sort((a, b) => a.firstBadLeaf - b.firstBadLeaf)[0];
      if (earliest) return earliest;
    }
    const beyond = heads[nextHead];
    if (beyond) {
      return fail(size, `log has ${size} leaves, but a signed tree head covers ${beyond.treeSize}: it was truncated`);
    }
    return { ok: true, size, root: frontier.root() };
  }

  /** Compares recomputed complete subtrees with the stored ones; a stored one that differs would corrupt proofs. */
  private async checkStoredSubtrees(completed: readonly MerkleSubtree[]): Promise<Failure | undefined> {
    const byLevel = new Map<number, MerkleSubtree[]>();
    for (const subtree of completed) {
      const level = byLevel.get(subtree.level) ?? [];
      level.push(subtree);
      byLevel.set(subtree.level, level);
    }
    let earliest: Failure | undefined;
    for (const [level, subtrees] of byLevel) {
      const first = subtrees[0]!.index;
      const stored = new Map(
        (await this.store.readSubtreeHashes(level, first, subtrees.at(-1)!.index + 1)).map((record) => [
          record.index,
          record.hash,
        ]),
      );
      for (const subtree of subtrees) {
        const hash = stored.get(subtree.index);
        // A missing row is harmless: proofs recompute it from the levels below.
        if (hash === undefined || hash === subtree.hash.toString('hex')) continue;
        const firstLeaf = subtree.index * 2 ** level;
        if (earliest === undefined || firstLeaf < earliest.firstBadLeaf) {
          earliest = fail(
            firstLeaf,
            `stored subtree hash at level ${level}, index ${subtree.index} (leaves ${firstLeaf}..${firstLeaf + 2 ** level - 1}) does not match its leaves`,
          );
        }
        break;
      }
    }
    return earliest;
  }

  private async rootAt(treeSize: number): Promise<string> {
    const frontier = this.frontier;
    if (frontier !== undefined && frontier.size === treeSize) return frontier.root();
    return (await this.tree.root(treeSize)).toString('hex');
  }

  private async checkSize(subject: string, field: string, treeSize: number, minimum: number): Promise<void> {
    const size = await this.size();
    if (!Number.isSafeInteger(treeSize) || treeSize < minimum || treeSize > size) {
      throw invalid(subject, field, `must be an integer from ${minimum} to the log size ${size}`);
    }
  }

  /** The frontier for the store's current size, reloaded if another writer (or a failed append) moved it. */
  private async synced(): Promise<MerkleFrontier> {
    const size = await this.store.size();
    if (this.frontier === undefined || this.frontier.size !== size) this.frontier = await this.tree.frontier(size);
    return this.frontier;
  }

  /** Runs writes and frontier reads one at a time, in call order. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function checkEvent(index: number, canonical: string): Failure | undefined {
  let event: unknown;
  try {
    event = JSON.parse(canonical);
  } catch {
    return fail(index, `leaf ${index} is not JSON`);
  }
  try {
    if (canonicalAuditEvent(event as AuditEvent, `leaf ${index}`) === canonical) return undefined;
  } catch (error) {
    return fail(index, `leaf ${index} is not a valid audit event: ${(error as Error).message}`);
  }
  return fail(index, `leaf ${index} is not in canonical form`);
}

function fail(firstBadLeaf: number, reason: string): Failure {
  return { ok: false, firstBadLeaf, reason };
}

function invalid(subject: string, path: string, message: string): ValidationError {
  return new ValidationError(subject, [{ path, message, code: 'out_of_range' }]);
}
