import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { ValidationError } from '../errors.js';
import type { AuditAppendBatch } from '../stores/audit-store.js';
import { MemoryAuditStore } from '../stores/memory-audit-store.js';
import type { AuditEvent } from './audit-event.js';
import { auditLeafOf, positionHash } from './audit-leaf.js';
import { AuditLog } from './audit-log.js';
import { CanonicalJsonError } from './canonical-json.js';
import { EMPTY_TREE_ROOT, hashLeaf, merkleTreeHash, verifyConsistencyProof, verifyInclusionProof } from './merkle.js';
import { generateSigningKey, verifySignedTreeHead } from './signed-tree-head.js';

function event(index: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    type: 'tool-called',
    at: 1_767_225_600_000 + index,
    tenantId: 'tenant-a',
    caseId: 'case_000001',
    actor: { type: 'agent', id: 'containment' },
    data: { tool: 'containHost', input: { hostId: `host-${index}` } },
    ...overrides,
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

const events = (from: number, count: number) => Array.from({ length: count }, (_, offset) => event(from + offset));

describe('AuditLog', () => {
  it('appends events in order and returns their leaf indexes', async () => {
    const log = await AuditLog.open(new MemoryAuditStore());
    expect(await log.appendMany(events(0, 3))).toEqual([0, 1, 2]);
    expect(await log.append(event(3))).toBe(3);
    expect(await log.appendMany([])).toEqual([]);
    expect(await log.size()).toBe(4);
    const leaves = await collect(log.leaves());
    expect(leaves.map((leaf) => leaf.index)).toEqual([0, 1, 2, 3]);
    expect(leaves[2]).toEqual({ index: 2, ...auditLeafOf(event(2)) });
  });

  it('stores each event as RFC 8785 canonical JSON of the validated event', async () => {
    const log = await AuditLog.open(new MemoryAuditStore());
    const withExtras = { ...event(0), caseId: undefined, unknownField: 'dropped' } as AuditEvent;
    await log.append(withExtras);
    const [leaf] = await collect(log.leaves());
    expect(leaf!.canonical).toBe(
      '{"actor":{"id":"containment","type":"agent"},"at":1767225600000,' +
        '"data":{"input":{"hostId":"host-0"},"tool":"containHost"},"tenantId":"tenant-a","type":"tool-called"}',
    );
  });

  it('reads leaves in a range', async () => {
    const log = await AuditLog.open(new MemoryAuditStore());
    await log.appendMany(events(0, 2500));
    const indexes: number[] = [];
    for await (const leaf of log.leaves(1020, 2100)) indexes.push(leaf.index);
    expect(indexes).toEqual(Array.from({ length: 1080 }, (_, offset) => 1020 + offset));
  });

  it('writes nothing when any event of a batch is invalid, and names it', async () => {
    const store = new MemoryAuditStore();
    const log = await AuditLog.open(store);
    await log.append(event(0));
    const batch = [event(1), { ...event(2), actor: { type: 'robot', id: 'x' } } as unknown as AuditEvent, event(3)];
    await expect(log.appendMany(batch)).rejects.toSatisfy(
      (error) => ValidationError.isInstance(error) && error.subject === 'AuditEvent[1]',
    );
    const notJson = [event(1), event(2, { data: { text: 'broken \uD800 surrogate' } })];
    await expect(log.appendMany(notJson)).rejects.toSatisfy(
      (error) => CanonicalJsonError.isInstance(error) && error.path === 'data.text',
    );
    expect(await store.size()).toBe(1);
    expect(await log.append(event(1))).toBe(1);
  });

  it('keeps concurrent appends from one log in call order', async () => {
    const log = await AuditLog.open(new MemoryAuditStore());
    const indexes = await Promise.all(events(0, 50).map((item) => log.append(item)));
    expect(indexes).toEqual(Array.from({ length: 50 }, (_, index) => index));
    const stored = await collect(log.leaves());
    expect(stored.map((leaf) => JSON.parse(leaf.canonical).at)).toEqual(events(0, 50).map((item) => item.at));
  });

  it('lets several logs share one store: a stale writer retries after a conflict', async () => {
    const store = new MemoryAuditStore();
    const first = await AuditLog.open(store);
    const second = await AuditLog.open(store);
    await first.append(event(0));
    expect(await second.append(event(1))).toBe(1);
    const results = await Promise.all([
      first.appendMany(events(2, 5)),
      second.appendMany(events(7, 5)),
      first.append(event(12)),
    ]);
    expect(results.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, index) => 2 + index));
    expect(await first.verify()).toEqual({ ok: true, size: 13, root: await second.root() });
  });

  it('reloads after a failed append instead of trusting its in-memory frontier', async () => {
    let failNext = true;
    const store = new (class extends MemoryAuditStore {
      override async append(batch: AuditAppendBatch) {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        return super.append(batch);
      }
    })();
    const log = await AuditLog.open(store);
    await expect(log.appendMany(events(0, 3))).rejects.toThrow('disk full');
    expect(await log.size()).toBe(0);
    expect(await log.root()).toBe(EMPTY_TREE_ROOT);
    await log.appendMany(events(0, 3));
    expect((await log.verify()).ok).toBe(true);
  });

  it('computes roots at any size from stored subtrees', async () => {
    const log = await AuditLog.open(new MemoryAuditStore());
    await log.appendMany(events(0, 100));
    const leafHashes = events(0, 100).map((item) => Buffer.from(auditLeafOf(item).leafHash, 'hex'));
    for (const size of [0, 1, 2, 3, 16, 33, 64, 99, 100]) {
      expect(await log.root(size)).toBe(merkleTreeHash(leafHashes.slice(0, size)).toString('hex'));
    }
    expect(await log.root()).toBe(await log.root(100));
  });

  it('signs tree heads with the clock time and keeps them', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 27));
    const log = await AuditLog.open(new MemoryAuditStore(), { clock });
    const empty = await log.signTreeHead();
    expect(empty).toMatchObject({ treeSize: 0, rootHash: EMPTY_TREE_ROOT, timestamp: Date.UTC(2026, 10, 27) });
    await log.appendMany(events(0, 5));
    clock.advance(60_000);
    const head = await log.signTreeHead();
    expect(head).toMatchObject({ treeSize: 5, rootHash: await log.root(), timestamp: Date.UTC(2026, 10, 27, 0, 1) });
    expect(head.keyId).toBe(log.keyId);
    expect(verifySignedTreeHead(head, log.publicKeyPem())).toBe(true);
    expect(await log.treeHeads()).toEqual([empty, head]);
    expect(await log.latestTreeHead()).toEqual(head);
  });

  it('keeps signing with the key saved in its store', async () => {
    const store = new MemoryAuditStore();
    const first = await AuditLog.open(store);
    const reopened = await AuditLog.open(store);
    expect(reopened.keyId).toBe(first.keyId);
    expect(await store.getSigningKey()).toContain('BEGIN PRIVATE KEY');
  });

  it('signs with an injected key and does not save it', async () => {
    const store = new MemoryAuditStore();
    const key = generateSigningKey();
    const log = await AuditLog.open(store, { signingKey: key });
    const head = await log.signTreeHead();
    expect(verifySignedTreeHead(head, key)).toBe(true);
    expect(await store.getSigningKey()).toBeUndefined();
    const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect((await AuditLog.open(store, { signingKey: pem })).keyId).toBe(log.keyId);
  });

  it('gives proofs that verify against its signed heads', async () => {
    const log = await AuditLog.open(new MemoryAuditStore());
    await log.appendMany(events(0, 21));
    const older = await log.signTreeHead();
    await log.appendMany(events(21, 19));
    const newer = await log.signTreeHead();
    const proof = await log.inclusionProof(20);
    expect(proof).toMatchObject({ leafIndex: 20, treeSize: 40, leafHash: auditLeafOf(event(20)).leafHash });
    expect(verifyInclusionProof(proof, newer)).toBe(true);
    expect(verifyInclusionProof(await log.inclusionProof(20, 21), older)).toBe(true);
    const consistency = await log.consistencyProof(21, 40);
    expect(consistency).toMatchObject({ firstSize: 21, secondSize: 40, firstRoot: older.rootHash });
    expect(verifyConsistencyProof(consistency, { first: older, second: newer })).toBe(true);
  });

  it('rejects proofs for sizes and indexes the log does not have', async () => {
    const log = await AuditLog.open(new MemoryAuditStore());
    await log.appendMany(events(0, 4));
    await expect(log.inclusionProof(4)).rejects.toThrow(ValidationError);
    await expect(log.inclusionProof(0, 5)).rejects.toThrow(ValidationError);
    await expect(log.inclusionProof(-1)).rejects.toThrow(ValidationError);
    await expect(log.inclusionProof(0, 0)).rejects.toThrow(ValidationError);
    await expect(log.consistencyProof(3, 2)).rejects.toThrow(ValidationError);
    await expect(log.consistencyProof(1, 5)).rejects.toThrow(ValidationError);
    await expect(log.root(5)).rejects.toThrow(ValidationError);
    await expect(log.root(1.5)).rejects.toThrow(ValidationError);
  });

  it('verifies a log in pages, whatever the page size', async () => {
    const log = await AuditLog.open(new MemoryAuditStore());
    for (let start = 0; start < 300; start += 50) {
      await log.appendMany(events(start, 50));
      await log.signTreeHead();
    }
    const expected = { ok: true, size: 300, root: await log.root() };
    for (const pageSize of [1, 7, 16, 4096]) expect(await log.verify({ pageSize })).toEqual(expected);
    expect(await log.verify({ checkEvents: true })).toEqual(expected);
  });

  it('checks, when asked, that every leaf is a canonical audit event', async () => {
    const store = new MemoryAuditStore();
    const log = await AuditLog.open(store);
    await log.appendMany(events(0, 3));
    await log.signTreeHead();
    // Leaves written past the log's API, with correct hashes, after the last signed head.
    for (const canonical of ['{"not":"an event"}', ' {"spaced": true}', 'not json']) {
      const index = await store.size();
      const leafHash = hashLeaf(Buffer.from(canonical, 'utf8'));
      const positionHashOf = positionHash(index, leafHash).toString('hex');
      await store.append({
        firstIndex: index,
        leaves: [{ index, canonical, leafHash: leafHash.toString('hex'), positionHash: positionHashOf }],
        subtreeHashes: [],
      });
    }
    expect((await log.verify()).ok).toBe(true);
    expect(await log.verify({ checkEvents: true })).toMatchObject({
      ok: false,
      firstBadLeaf: 3,
      reason: expect.stringMatching(/leaf 3 is not a valid audit event/),
    });
  });

  it('verifies an empty log', async () => {
    const log = await AuditLog.open(new MemoryAuditStore());
    expect(await log.verify()).toEqual({ ok: true, size: 0, root: EMPTY_TREE_ROOT });
    await log.signTreeHead();
    expect(await log.verify()).toEqual({ ok: true, size: 0, root: EMPTY_TREE_ROOT });
  });
});
