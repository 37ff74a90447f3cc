import assert from 'node:assert/strict';
import type { AuditEvent } from '../audit/audit-event.js';
import { auditLeafOf, positionHash } from '../audit/audit-leaf.js';
import { AuditLog, type AuditVerifyOptions } from '../audit/audit-log.js';
import { verifyConsistencyProof, verifyInclusionProof } from '../audit/merkle.js';
import { generateSigningKey, type SignedTreeHead, signTreeHead } from '../audit/signed-tree-head.js';
import { ManualClock } from '../clock.js';
import { ConflictError } from '../errors.js';
import type { AuditLeafRecord, AuditStore, SubtreeHashRecord } from '../stores/audit-store.js';

/** One named check: `run` resolves when the store behaves and throws (node:assert) when it does not. */
type ConformanceCase = { name: string; run: () => Promise<void> };

export interface AuditStoreConformanceOptions {
  /**
   * Closes `store` and opens the same storage again (e.g. the same SQLite file). When given, the suite also
   * checks that leaves, subtree hashes, tree heads and the signing key survive a reopen.
   */
  reopen?: (store: AuditStore) => Promise<AuditStore>;
  /** Called with every store the suite is done with, e.g. to close a database. */
  dispose?: (store: AuditStore) => Promise<void>;
}

/**
 * The behaviour every `AuditStore` adapter must have, as plain data so any test runner can run it:
 *
 * ```ts
 * for (const check of auditStoreConformance(() => createStore())) it(check.name, check.run);
 * ```
 *
 * `createStore` must return a new, empty store each call.
 */
export function auditStoreConformance(
  createStore: () => Promise<AuditStore>,
  options: AuditStoreConformanceOptions = {},
): ConformanceCase[] {
  /** `replaced` tells the harness which store to dispose of when a case reopened the one it was given. */
  const withStore = (
    name: string,
    body: (store: AuditStore, replaced: (next: AuditStore) => void) => Promise<void>,
  ): ConformanceCase => ({
    name: `AuditStore: ${name}`,
    run: async () => {
      let store = await createStore();
      try {
        await body(store, (next) => {
          store = next;
        });
      } finally {
        await options.dispose?.(store);
      }
    },
  });

  const cases: ConformanceCase[] = [
    withStore('starts empty', async (store) => {
      assert.equal(await store.size(), 0);
      assert.deepEqual(await store.readLeaves(0, 10), []);
      assert.deepEqual(await store.readSubtreeHashes(0, 0, 10), []);
      assert.deepEqual(await store.readSubtreeHashes(4, 0, 10), []);
      assert.deepEqual(await store.listTreeHeads(), []);
      assert.equal(await store.getSigningKey(), undefined);
    }),

    withStore('appends batches and reads the leaves back in order', async (store) => {
      const first = leafRecords(0, 3);
      const second = leafRecords(3, 2);
      await store.append({ firstIndex: 0, leaves: first, subtreeHashes: [] });
      await store.append({ firstIndex: 3, leaves: second, subtreeHashes: [] });
      assert.equal(await store.size(), 5);
      assert.deepEqual(await store.readLeaves(0, 5), [...first, ...second]);
    }),

    withStore('reads leaf ranges, returning only leaves that exist', async (store) => {
      const leaves = leafRecords(0, 20);
      await store.append({ firstIndex: 0, leaves, subtreeHashes: [] });
      assert.deepEqual(await store.readLeaves(5, 8), leaves.slice(5, 8));
      assert.deepEqual(await store.readLeaves(18, 100), leaves.slice(18));
      assert.deepEqual(await store.readLeaves(7, 7), []);
      assert.deepEqual(await store.readLeaves(25, 30), []);
      assert.deepEqual(await store.readLeaves(0, 1), leaves.slice(0, 1));
    }),

    withStore('appends a large batch in one call', async (store) => {
      const leaves = leafRecords(0, 2500);
      await store.append({ firstIndex: 0, leaves, subtreeHashes: [] });
      assert.equal(await store.size(), 2500);
      assert.deepEqual(await store.readLeaves(1020, 1030), leaves.slice(1020, 1030));
      assert.deepEqual(
        (await store.readLeaves(0, 2500)).map((leaf) => leaf.index),
        leaves.map((leaf) => leaf.index),
      );
    }),

    withStore('keeps canonical text character for character', async (store) => {
      const texts = [
        '{"a":"\\u0000\\n\\"\\\\"}',
        '{"emoji":"😀","euro":"€","hebrew":"דּ","latin":"ö"}',
        `{"long":"${'x'.repeat(100_000)}"}`,
      ];
      const leaves = texts.map((canonical, index) => ({
        index,
        canonical,
        leafHash: hex(index + 1),
        positionHash: hex(index + 101),
      }));
      await store.append({ firstIndex: 0, leaves, subtreeHashes: [] });
      assert.deepEqual(await store.readLeaves(0, 3), leaves);
    }),

    withStore('rejects an append at the wrong index with a ConflictError and writes nothing', async (store) => {
      await store.append({ firstIndex: 0, leaves: leafRecords(0, 2), subtreeHashes: [] });
      for (const firstIndex of [0, 1, 3]) {
        await assert.rejects(
          store.append({ firstIndex, leaves: leafRecords(firstIndex, 1), subtreeHashes: [] }),
          (error) => ConflictError.isInstance(error),
        );
      }
      assert.equal(await store.size(), 2);
      assert.equal((await store.readLeaves(0, 10)).length, 2);
    }),

    withStore('writes nothing from a batch whose leaf indexes are not consecutive', async (store) => {
      const leaves = leafRecords(0, 3);
      const skipping = [leaves[0]!, leaves[2]!];
      await assert.rejects(store.append({ firstIndex: 0, leaves: skipping, subtreeHashes: [] }));
      const repeating = [leaves[0]!, leaves[1]!, { ...leaves[2]!, index: 1 }];
      await assert.rejects(store.append({ firstIndex: 0, leaves: repeating, subtreeHashes: [] }));
      assert.equal(await store.size(), 0);
      assert.deepEqual(await store.readLeaves(0, 10), []);
    }),

    withStore('writes nothing from a batch whose subtree hash is already stored', async (store) => {
      const node = { level: 4, index: 0, hash: hex(7) };
      await store.append({ firstIndex: 0, leaves: leafRecords(0, 16), subtreeHashes: [node] });
      const failing = { firstIndex: 16, leaves: leafRecords(16, 16), subtreeHashes: [{ ...node, hash: hex(8) }] };
      await assert.rejects(store.append(failing));
      assert.equal(await store.size(), 16);
      assert.deepEqual(await store.readLeaves(16, 32), []);
      assert.deepEqual(await store.readSubtreeHashes(4, 0, 2), [node]);
      // The same batch with a fresh subtree hash goes through: the failure left nothing half-written behind.
      await store.append({ ...failing, subtreeHashes: [{ level: 4, index: 1, hash: hex(9) }] });
      assert.equal(await store.size(), 32);
    }),

    withStore('lets exactly one of two concurrent appends at the same index win', async (store) => {
      const results = await Promise.allSettled([
        store.append({ firstIndex: 0, leaves: leafRecords(0, 3), subtreeHashes: [] }),
        store.append({ firstIndex: 0, leaves: leafRecords(0, 2, 'other'), subtreeHashes: [] }),
      ]);
      const fulfilled = results.filter((result) => result.status === 'fulfilled');
      const rejected = results.filter((result) => result.status === 'rejected');
      assert.equal(fulfilled.length, 1);
      assert.equal(rejected.length, 1);
      assert.ok(ConflictError.isInstance(rejected[0]!.reason));
      const size = await store.size();
      assert.ok(size === 3 || size === 2);
      assert.equal((await store.readLeaves(0, 10)).length, size);
    }),

    withStore('reads subtree hashes by level and range; level 0 is the leaf hashes', async (store) => {
      const leaves = leafRecords(0, 48);
      const level4: SubtreeHashRecord[] = [0, 1, 2].map((index) => ({ level: 4, index, hash: hex(200 + index) }));
      const level8: SubtreeHashRecord[] = [{ level: 8, index: 0, hash: hex(300) }];
      await store.append({ firstIndex: 0, leaves: leaves.slice(0, 32), subtreeHashes: level4.slice(0, 2) });
      await store.append({ firstIndex: 32, leaves: leaves.slice(32), subtreeHashes: [...level4.slice(2), ...level8] });
      assert.deepEqual(await store.readSubtreeHashes(4, 0, 3), level4);
      assert.deepEqual(await store.readSubtreeHashes(4, 1, 2), level4.slice(1, 2));
      assert.deepEqual(await store.readSubtreeHashes(4, 2, 10), level4.slice(2));
      assert.deepEqual(await store.readSubtreeHashes(8, 0, 4), level8);
      assert.deepEqual(await store.readSubtreeHashes(12, 0, 4), []);
      assert.deepEqual(
        await store.readSubtreeHashes(0, 10, 13),
        leaves.slice(10, 13).map((leaf) => ({ level: 0, index: leaf.index, hash: leaf.leafHash })),
      );
      assert.deepEqual(await store.readSubtreeHashes(0, 47, 60), [{ level: 0, index: 47, hash: leaves[47]!.leafHash }]);
    }),

    withStore('keeps signed tree heads, ordered by tree size then time', async (store) => {
      const key = generateSigningKey();
      const head = (treeSize: number, timestamp: number) =>
        signTreeHead({ treeSize, rootHash: hex(treeSize + 1), timestamp }, key);
      const heads = [head(10, 3000), head(2, 1000), head(10, 2000), head(0, 500)];
      for (const signed of heads) await store.saveTreeHead(signed);
      assert.deepEqual(await store.listTreeHeads(), [heads[3], heads[1], heads[2], heads[0]]);
    }),

    withStore('saves the first signing key and keeps it', async (store) => {
      const first = pem();
      const second = pem();
      assert.equal(await store.saveSigningKeyIfAbsent(first), first);
      assert.equal(await store.saveSigningKeyIfAbsent(second), first);
      assert.equal(await store.getSigningKey(), first);
    }),

    withStore('serves an AuditLog: appends, signed heads, proofs and verify', async (store) => {
      const clock = new ManualClock();
      const log = await AuditLog.open(store, { clock });
      const indexes = await log.appendMany(events(0, 40));
      assert.deepEqual(indexes, range(0, 40));
      const firstHead = await log.signTreeHead();
      clock.advance(1000);
      await log.appendMany(events(40, 30));
      const secondHead = await log.signTreeHead();
      assert.equal(secondHead.treeSize, 70);
      for (const leafIndex of [0, 15, 16, 39, 69]) {
        const proof = await log.inclusionProof(leafIndex);
        assert.equal(proof.leafHash, auditLeafOf(events(leafIndex, 1)[0]!).leafHash);
        assert.ok(verifyInclusionProof(proof, secondHead));
      }
      assert.ok(verifyConsistencyProof(await log.consistencyProof(40, 70), { first: firstHead, second: secondHead }));
      assert.deepEqual(await log.verify(), { ok: true, size: 70, root: secondHead.rootHash });
      // A second log over the same store shares its key and sees the first one's appends.
      const other = await AuditLog.open(store, { clock });
      assert.equal(other.keyId, log.keyId);
      assert.equal(await other.append(events(70, 1)[0]!), 70);
      assert.equal(await log.append(events(71, 1)[0]!), 71);
      assert.equal(await log.root(), await other.root());
    }),
  ];

  const reopen = options.reopen;
  if (reopen) {
    cases.push(
      withStore('keeps leaves, subtree hashes, heads and the signing key across a reopen', async (store, replaced) => {
        const clock = new ManualClock();
        const log = await AuditLog.open(store, { clock });
        await log.appendMany(events(0, 37));
        const head = await log.signTreeHead();
        const leaves = await store.readLeaves(0, 37);
        const subtrees = await store.readSubtreeHashes(4, 0, 3);
        const reopened = await reopen(store);
        replaced(reopened);
        assert.equal(await reopened.size(), 37);
        assert.deepEqual(await reopened.readLeaves(0, 37), leaves);
        assert.deepEqual(await reopened.readSubtreeHashes(4, 0, 3), subtrees);
        assert.deepEqual(await reopened.listTreeHeads(), [head]);
        const again = await AuditLog.open(reopened, { clock });
        assert.equal(again.keyId, log.keyId);
        assert.equal(await again.append(events(37, 1)[0]!), 37);
        const later = await again.signTreeHead();
        assert.ok(verifyConsistencyProof(await again.consistencyProof(37, 38), { first: head, second: later }));
        assert.deepEqual(await again.verify(), { ok: true, size: 38, root: later.rootHash });
      }),
    );
  }
  return cases;
}

/**
 * A store under test plus direct edits of its stored rows, bypassing the `AuditStore` API the way someone with
 * write access to the database would.
 */
export interface TamperableAuditStore {
  store: AuditStore;
  /** Overwrites stored fields of leaf `index`. */
  editLeaf(index: number, fields: Partial<Omit<AuditLeafRecord, 'index'>>): Promise<void>;
  /** Moves whole rows: leaf `first` takes the place of leaf `second` and the other way round. */
  swapLeaves(first: number, second: number): Promise<void>;
  /** Deletes the leaves with `from <= index < to`, leaving a gap unless `to` is the end. */
  deleteLeaves(from: number, to: number): Promise<void>;
  /** Overwrites a stored subtree hash (level ≥ 1). */
  editSubtreeHash(level: number, index: number, hash: string): Promise<void>;
  /** Overwrites fields of every kept tree head of `treeSize`. */
  editTreeHeads(treeSize: number, fields: Partial<SignedTreeHead>): Promise<void>;
  /** Deletes every kept tree head of `treeSize`. */
  deleteTreeHeads(treeSize: number): Promise<void>;
}

/**
 * Checks that `AuditLog.verify()` over an adapter's store detects each way of tampering with its rows and
 * names the first bad leaf. Each case builds a log of 40 leaves with signed heads at sizes 20 and 40, edits
 * the stored rows, and verifies. Run it like `auditStoreConformance`.
 */
export function auditTamperingConformance(createTamperable: () => Promise<TamperableAuditStore>): ConformanceCase[] {
  type Built = { tamperable: TamperableAuditStore; log: AuditLog; heads: SignedTreeHead[] };
  const build = async (): Promise<Built> => {
    const tamperable = await createTamperable();
    const clock = new ManualClock();
    const log = await AuditLog.open(tamperable.store, { clock });
    await log.appendMany(events(0, 20));
    const first = await log.signTreeHead();
    clock.advance(1000);
    await log.appendMany(events(20, 20));
    const second = await log.signTreeHead();
    return { tamperable, log, heads: [first, second] };
  };
  const check = (
    name: string,
    tamper: (built: Built) => Promise<void>,
    expected: { firstBadLeaf: number; reason: RegExp } | 'ok',
    verifyOptions: (built: Built) => AuditVerifyOptions = () => ({}),
  ): ConformanceCase => ({
    name: `AuditLog tampering: ${name}`,
    run: async () => {
      const built = await build();
      await tamper(built);
      const result = await built.log.verify(verifyOptions(built));
      if (expected === 'ok') {
        assert.equal(result.ok, true, `expected the log to verify, got ${JSON.stringify(result)}`);
        return;
      }
      assert.equal(result.ok, false, 'expected verify() to detect the tampering');
      if (result.ok) return;
      assert.equal(result.firstBadLeaf, expected.firstBadLeaf, result.reason);
      assert.match(result.reason, expected.reason);
    },
  });
  const otherCanonical = (index: number) => auditLeafOf({ ...events(index, 1)[0]!, data: { forged: true } });

  return [
    check('an untouched log verifies', async () => {}, 'ok'),
    check(
      'changed canonical text of a leaf covered by a head',
      async ({ tamperable }) => tamperable.editLeaf(7, { canonical: otherCanonical(7).canonical }),
      { firstBadLeaf: 7, reason: /leaf 7 has stored hash/ },
    ),
    check(
      'changed canonical text of a leaf after the first head',
      async ({ tamperable }) => tamperable.editLeaf(25, { canonical: otherCanonical(25).canonical }),
      { firstBadLeaf: 25, reason: /leaf 25 has stored hash/ },
    ),
    check(
      'changed leaf hash',
      async ({ tamperable }) => tamperable.editLeaf(12, { leafHash: otherCanonical(12).leafHash }),
      { firstBadLeaf: 12, reason: /leaf 12 has stored hash/ },
    ),
    check(
      'changed canonical text and leaf hash together',
      async ({ tamperable }) => tamperable.editLeaf(9, otherCanonical(9)),
      { firstBadLeaf: 9, reason: /leaf 9 is not the leaf appended at index 9/ },
    ),
    check('two leaves swapped', async ({ tamperable }) => tamperable.swapLeaves(5, 31), {
      firstBadLeaf: 5,
      reason: /leaf 5 is not the leaf appended at index 5/,
    }),
    check('neighbouring leaves swapped', async ({ tamperable }) => tamperable.swapLeaves(36, 37), {
      firstBadLeaf: 36,
      reason: /leaf 36 is not the leaf appended/,
    }),
    check('a leaf deleted from the middle', async ({ tamperable }) => tamperable.deleteLeaves(33, 34), {
      firstBadLeaf: 33,
      reason: /leaf 33 is missing/,
    }),
    check('the log truncated after a signed head', async ({ tamperable }) => tamperable.deleteLeaves(30, 40), {
      firstBadLeaf: 30,
      reason: /truncated/,
    }),
    check(
      'a leaf rewritten with every per-leaf hash recomputed, inside a stored subtree',
      async ({ tamperable }) => {
        const forged = otherCanonical(3);
        const positionHashOf = positionHash(3, Buffer.from(forged.leafHash, 'hex')).toString('hex');
        await tamperable.editLeaf(3, { ...forged, positionHash: positionHashOf });
      },
      // Leaves 0..15 form a stored subtree: the damage is located to it, not to the leaf.
      { firstBadLeaf: 0, reason: /stored subtree hash at level 4, index 0/ },
    ),
    check(
      'a leaf rewritten with every per-leaf hash recomputed, after the first head',
      async ({ tamperable }) => {
        const forged = otherCanonical(35);
        const positionHashOf = positionHash(35, Buffer.from(forged.leafHash, 'hex')).toString('hex');
        await tamperable.editLeaf(35, { ...forged, positionHash: positionHashOf });
      },
      // Only the head at 40 covers leaf 35; the head at 20 still vouches for leaves 0..19.
      { firstBadLeaf: 20, reason: /size 40 .* has root/ },
    ),
    check('a stored subtree hash changed', async ({ tamperable }) => tamperable.editSubtreeHash(4, 1, hex(1)), {
      firstBadLeaf: 16,
      reason: /level 4, index 1 \(leaves 16\.\.31\)/,
    }),
    check(
      'the root of a signed head changed',
      async ({ tamperable }) => tamperable.editTreeHeads(40, { rootHash: hex(2) }),
      { firstBadLeaf: 20, reason: /size 40 .* invalid signature/ },
    ),
    check(
      'a head signed by another key',
      async ({ tamperable, heads }) => tamperable.editTreeHeads(20, signTreeHead(heads[0]!, generateSigningKey())),
      { firstBadLeaf: 0, reason: /size 20 .* names key/ },
    ),
    check(
      'the log truncated and the heads covering the cut deleted (undetectable from the store alone)',
      async ({ tamperable }) => {
        await tamperable.deleteLeaves(30, 40);
        await tamperable.deleteTreeHeads(40);
      },
      'ok',
    ),
    check(
      'the log truncated and the heads deleted, caught by a head kept outside the store',
      async ({ tamperable }) => {
        await tamperable.deleteLeaves(30, 40);
        await tamperable.deleteTreeHeads(40);
      },
      { firstBadLeaf: 30, reason: /truncated/ },
      ({ heads }) => ({ trustedHeads: [heads[1]!] }),
    ),
    check(
      'heads checked against a public key kept outside the store',
      async () => {},
      { firstBadLeaf: 0, reason: /names key/ },
      () => ({ publicKey: generateSigningKey() }),
    ),
  ];
}

function events(from: number, count: number): AuditEvent[] {
  return range(from, from + count).map((index) => ({
    type: 'tool-called',
    at: 1_767_225_600_000 + index,
    tenantId: 'tenant-a',
    caseId: `case_${index % 3}`,
    actor: { type: 'agent', id: 'triage' },
    data: { tool: 'suspendUser', input: { userId: `00u${index}` }, note: 'Zoë € 😀' },
  }));
}

function leafRecords(from: number, count: number, variant = 'main'): AuditLeafRecord[] {
  return events(from, count).map((event, offset) => {
    const leaf = auditLeafOf({ ...event, data: { variant } });
    const index = from + offset;
    return {
      index,
      canonical: leaf.canonical,
      leafHash: leaf.leafHash,
      positionHash: positionHash(index, Buffer.from(leaf.leafHash, 'hex')).toString('hex'),
    };
  });
}

function hex(seed: number): string {
  return seed.toString(16).padStart(64, '0');
}

function pem(): string {
  return generateSigningKey().export({ type: 'pkcs8', format: 'pem' }).toString();
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, offset) => from + offset);
}
