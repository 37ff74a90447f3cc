import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import type { AuditStore } from '../stores/audit-store.js';
import { MemoryAuditStore } from '../stores/memory-audit-store.js';
import type { AuditEvent } from './audit-event.js';
import { auditLeafOf } from './audit-leaf.js';
import { AuditLog } from './audit-log.js';
import {
  type ConsistencyProof,
  EMPTY_TREE_ROOT,
  hashLeaf,
  type InclusionProof,
  merkleTreeHash,
  verifyConsistencyProof,
  verifyInclusionProof,
} from './merkle.js';
import { decompose, MerkleFrontier } from './merkle-frontier.js';

function event(index: number): AuditEvent {
  return {
    type: 'decision-made',
    at: 1_767_225_600_000 + index,
    tenantId: 'tenant-a',
    actor: { type: 'agent', id: 'triage' },
    data: { index },
  };
}

async function buildLog(count: number, store: AuditStore = new MemoryAuditStore()) {
  const log = await AuditLog.open(store, { clock: new ManualClock() });
  const events = Array.from({ length: count }, (_, index) => event(index));
  for (let start = 0; start < count; start += 500) await log.appendMany(events.slice(start, start + 500));
  const leafHashes = events.map((item) => Buffer.from(auditLeafOf(item).leafHash, 'hex'));
  return { log, store, leafHashes };
}

const referenceRoot = (leafHashes: Buffer[], size: number) => merkleTreeHash(leafHashes.slice(0, size)).toString('hex');

describe('RFC 6962 hashing', () => {
  // Leaves and roots of the Certificate Transparency reference test data for RFC 6962 trees of 1..8 leaves.
  const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
  const roots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];
  const leafHashes = leaves.map((hex) => hashLeaf(Buffer.from(hex, 'hex')));

  it('gives the reference roots for trees of 1 to 8 leaves', () => {
    roots.forEach((root, position) => {
      expect(merkleTreeHash(leafHashes.slice(0, position + 1)).toString('hex')).toBe(root);
    });
  });

  it('gives the same roots when the frontier is built one leaf at a time', () => {
    const frontier = MerkleFrontier.empty();
    expect(frontier.root()).toBe(EMPTY_TREE_ROOT);
    leafHashes.forEach((leafHash, position) => {
      frontier.push(leafHash);
      expect(frontier.root()).toBe(roots[position]);
    });
  });

  it('has SHA-256 of nothing as the root of the empty tree', () => {
    expect(EMPTY_TREE_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('decomposes a size into complete subtrees, largest first', () => {
    expect(decompose(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(decompose(0)).toEqual([]);
    expect(decompose(16)).toEqual([{ level: 4, index: 0 }]);
  });
});

describe('proofs for every tree of 1 to 64 leaves', () => {
  let built: Awaited<ReturnType<typeof buildLog>>;
  const inclusion = new Map<string, InclusionProof>();
  const consistency = new Map<string, ConsistencyProof>();

  beforeAll(async () => {
    built = await buildLog(64);
    for (let treeSize = 1; treeSize <= 64; treeSize++) {
      for (let leafIndex = 0; leafIndex < treeSize; leafIndex++) {
        inclusion.set(`${leafIndex}/${treeSize}`, await built.log.inclusionProof(leafIndex, treeSize));
      }
      for (let firstSize = 0; firstSize <= treeSize; firstSize++) {
        consistency.set(`${firstSize}/${treeSize}`, await built.log.consistencyProof(firstSize, treeSize));
      }
    }
  });

  it('roots at every size match the in-memory reference MTH', async () => {
    for (let treeSize = 0; treeSize <= 64; treeSize++) {
      expect(await built.log.root(treeSize)).toBe(referenceRoot(built.leafHashes, treeSize));
    }
  });

  it('every inclusion proof verifies against its trusted head', () => {
    expect(inclusion.size).toBe((64 * 65) / 2);
    for (const proof of inclusion.values()) {
      const trusted = { treeSize: proof.treeSize, rootHash: referenceRoot(built.leafHashes, proof.treeSize) };
      expect(proof.leafHash).toBe(built.leafHashes[proof.leafIndex]!.toString('hex'));
      expect(verifyInclusionProof(proof, trusted)).toBe(true);
    }
  });

  it('every consistency proof (all first sizes up to the second) verifies against its trusted heads', () => {
    for (const proof of consistency.values()) {
      const first = { treeSize: proof.firstSize, rootHash: referenceRoot(built.leafHashes, proof.firstSize) };
      const second = { treeSize: proof.secondSize, rootHash: referenceRoot(built.leafHashes, proof.secondSize) };
      expect(verifyConsistencyProof(proof, { first, second })).toBe(true);
    }
  });

  it('inclusion proofs are no longer than the tree is deep', () => {
    for (const proof of inclusion.values()) {
      expect(proof.auditPath.length).toBeLessThanOrEqual(Math.ceil(Math.log2(proof.treeSize)));
    }
  });

  const flipHex = (hex: string, position: number) => {
    const bytes = Buffer.from(hex, 'hex');
    bytes[position % bytes.length]! ^= 1 << (position % 8);
    return bytes.toString('hex');
  };

  const inclusionCase = fc
    .integer({ min: 1, max: 64 })
    .chain((treeSize) => fc.tuple(fc.constant(treeSize), fc.integer({ min: 0, max: treeSize - 1 })));

  it('an inclusion proof fails when any path element, the leaf hash, the index or the root changes', () => {
    fc.assert(
      fc.property(inclusionCase, fc.nat(), fc.nat(), ([treeSize, leafIndex], pick, bit) => {
        const proof = inclusion.get(`${leafIndex}/${treeSize}`)!;
        const mutations: InclusionProof[] = [
          { ...proof, leafHash: flipHex(proof.leafHash, bit) },
          { ...proof, rootHash: flipHex(proof.rootHash, bit) },
          { ...proof, leafIndex: (leafIndex + 1 + (pick % treeSize)) % (treeSize + 1) },
          { ...proof, auditPath: [...proof.auditPath, proof.rootHash] },
        ];
        if (proof.auditPath.length > 0) {
          const position = pick % proof.auditPath.length;
          const auditPath = [...proof.auditPath];
          auditPath[position] = flipHex(auditPath[position]!, bit);
          mutations.push({ ...proof, auditPath });
          mutations.push({ ...proof, auditPath: proof.auditPath.filter((_, index) => index !== position) });
        }
        for (const mutated of mutations) expect(verifyInclusionProof(mutated)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  const consistencyCase = fc
    .integer({ min: 1, max: 64 })
    .chain((secondSize) => fc.tuple(fc.integer({ min: 1, max: secondSize }), fc.constant(secondSize)));

  it('a consistency proof fails when any element or either root changes', () => {
    fc.assert(
      fc.property(consistencyCase, fc.nat(), fc.nat(), ([firstSize, secondSize], pick, bit) => {
        const proof = consistency.get(`${firstSize}/${secondSize}`)!;
        const mutations: ConsistencyProof[] = [
          { ...proof, firstRoot: flipHex(proof.firstRoot, bit) },
          { ...proof, secondRoot: flipHex(proof.secondRoot, bit) },
          { ...proof, proof: [...proof.proof, proof.firstRoot] },
        ];
        if (proof.proof.length > 0) {
          const position = pick % proof.proof.length;
          const elements = [...proof.proof];
          elements[position] = flipHex(elements[position]!, bit);
          mutations.push({ ...proof, proof: elements });
          mutations.push({ ...proof, proof: proof.proof.filter((_, index) => index !== position) });
        }
        for (const mutated of mutations) expect(verifyConsistencyProof(mutated)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects malformed proofs without throwing', () => {
    const proof = inclusion.get('3/10')!;
    expect(verifyInclusionProof({ ...proof, leafHash: proof.leafHash.toUpperCase() })).toBe(false);
    expect(verifyInclusionProof({ ...proof, auditPath: ['zz'] })).toBe(false);
    expect(verifyInclusionProof({ ...proof, leafIndex: -1 })).toBe(false);
    expect(verifyInclusionProof({ ...proof, treeSize: 2.5 })).toBe(false);
    expect(verifyInclusionProof({ ...proof, auditPath: undefined as unknown as string[] })).toBe(false);
    const extension = consistency.get('0/10')!;
    expect(extension.proof).toEqual([]);
    expect(verifyConsistencyProof(extension)).toBe(true);
    expect(verifyConsistencyProof({ ...extension, firstRoot: proof.rootHash })).toBe(false);
    expect(verifyConsistencyProof({ ...consistency.get('4/10')!, firstSize: 11, secondSize: 10 })).toBe(false);
  });

  // RFC 9162 proofs bind the root, not the tree size (the path for leaf 0 of 63 leaves also fits 64 leaves);
  // the signed tree head is what pairs a size with its root, so sizes are checked against the trusted head.
  it('checks sizes and roots against the trusted head', () => {
    fc.assert(
      fc.property(inclusionCase, fc.integer({ min: 1, max: 100 }), ([treeSize, leafIndex], otherSize) => {
        fc.pre(otherSize !== treeSize);
        const proof = inclusion.get(`${leafIndex}/${treeSize}`)!;
        const trusted = { treeSize, rootHash: proof.rootHash };
        expect(verifyInclusionProof(proof, trusted)).toBe(true);
        expect(verifyInclusionProof({ ...proof, treeSize: otherSize }, trusted)).toBe(false);
        expect(verifyInclusionProof(proof, { treeSize: otherSize, rootHash: proof.rootHash })).toBe(false);
        expect(verifyInclusionProof(proof, { treeSize, rootHash: referenceRoot(built.leafHashes, 64) })).toBe(
          treeSize === 64,
        );
      }),
    );
    fc.assert(
      fc.property(consistencyCase, fc.integer({ min: 1, max: 100 }), ([firstSize, secondSize], otherSize) => {
        const proof = consistency.get(`${firstSize}/${secondSize}`)!;
        const first = { treeSize: firstSize, rootHash: proof.firstRoot };
        const second = { treeSize: secondSize, rootHash: proof.secondRoot };
        expect(verifyConsistencyProof(proof, { first, second })).toBe(true);
        if (otherSize !== firstSize) {
          expect(verifyConsistencyProof({ ...proof, firstSize: otherSize }, { first, second })).toBe(false);
        }
        if (otherSize !== secondSize) {
          expect(verifyConsistencyProof({ ...proof, secondSize: otherSize }, { first, second })).toBe(false);
        }
      }),
    );
  });
});

/** Counts the stored hashes a log reads, to show that proofs read O(log n) of them, not the leaves. */
class CountingStore extends MemoryAuditStore {
  hashesRead = 0;
  override async readSubtreeHashes(level: number, from: number, to: number) {
    const records = await super.readSubtreeHashes(level, from, to);
    this.hashesRead += records.length;
    return records;
  }
}

describe('proofs in a larger tree', () => {
  let built: Awaited<ReturnType<typeof buildLog>>;
  let store: CountingStore;

  beforeAll(async () => {
    store = new CountingStore();
    built = await buildLog(5000, store);
  });

  it('agree with the reference MTH at sizes around every stored level', async () => {
    for (const treeSize of [1, 15, 16, 17, 255, 256, 257, 4095, 4096, 4097, 4999, 5000]) {
      expect(await built.log.root(treeSize)).toBe(referenceRoot(built.leafHashes, treeSize));
    }
  });

  it('verify for sampled leaves and sizes while reading a few hashes per proof element', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((treeSize) =>
            fc.tuple(
              fc.constant(treeSize),
              fc.integer({ min: 0, max: treeSize - 1 }),
              fc.integer({ min: 0, max: treeSize }),
            ),
          ),
        async ([treeSize, leafIndex, firstSize]) => {
          const rootHash = referenceRoot(built.leafHashes, treeSize);
          store.hashesRead = 0;
          const proof = await built.log.inclusionProof(leafIndex, treeSize);
          // Each of the ≤13 path elements and root subtrees costs at most 8 stored hashes, never the 5000 leaves.
          expect(store.hashesRead).toBeLessThanOrEqual(8 * 2 * 13 * 2);
          expect(verifyInclusionProof(proof, { treeSize, rootHash })).toBe(true);
          const first = { treeSize: firstSize, rootHash: referenceRoot(built.leafHashes, firstSize) };
          const consistencyProof = await built.log.consistencyProof(firstSize, treeSize);
          expect(verifyConsistencyProof(consistencyProof, { first, second: { treeSize, rootHash } })).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('still gives correct roots and proofs when stored subtree hashes are missing', async () => {
    const sparse = new (class extends MemoryAuditStore {
      forget(): void {
        this.subtreeHashes.clear();
      }
    })();
    const { log, leafHashes } = await buildLog(700, sparse);
    sparse.forget();
    const rootHash = referenceRoot(leafHashes, 700);
    expect(await log.root(700)).toBe(rootHash);
    const proof = await log.inclusionProof(300, 700);
    expect(verifyInclusionProof(proof, { treeSize: 700, rootHash })).toBe(true);
  });
});
