import { correlatesByDefault, entitiesOfAlert, entityKey, parseAlert } from '@rampart/core';

export interface NaiveCorrelatorOptions {
  windowMs: number;
  /** As the engine's option of the same name (its default is 32). */
  maxCasesPerEntity: number;
}

/**
 * The anchor of the correlation benchmark: the obvious way to correlate, with no index. Every new alert is
 * compared with every alert seen before it — a time check, then an entity-set intersection for those within
 * the window — so a stream of n alerts costs O(n²) comparisons.
 *
 * Everything else copies the case engine's documented semantics, so both must produce the same cases:
 * alerts are parsed and their entities extracted with core's own functions; batches are de-duplicated by
 * vendor, product and vendor id; within a batch alerts are visited in event-time order and join the candidate
 * sharing the most entities within the window (ties: the most recent, then an existing case, then the oldest
 * group); other candidates formed in the batch are united with it; two existing cases are never merged; an
 * entity linked to more than `maxCasesPerEntity` cases around the batch is ignored for that batch.
 *
 * Case numbers follow the engine's id order (cases numbered by their earliest alert, batch by batch), so the
 * two can be compared case by case.
 */
export class NaivePairwiseCorrelator {
  private readonly windowMs: number;
  private readonly maxCasesPerEntity: number;
  /** Stored (non-duplicate) alerts, in the order they were stored. */
  private readonly times: number[] = [];
  private readonly keys: string[][] = [];
  private readonly caseOf: number[] = [];
  /** Latest event time per case number (index 0 unused). */
  private readonly caseLastAt: number[] = [0];
  private readonly stored = new Map<string, number>();

  constructor(options: NaiveCorrelatorOptions) {
    this.windowMs = options.windowMs;
    this.maxCasesPerEntity = options.maxCasesPerEntity;
  }

  get caseCount(): number {
    return this.caseLastAt.length - 1;
  }

  /** Correlates one batch; returns the case number of every input alert, in input order. */
  ingest(inputs: readonly unknown[]): number[] {
    const windowMs = this.windowMs;
    const result: number[] = new Array(inputs.length);
    // De-duplication, as the engine does it: the first occurrence of an identity in the batch is the original.
    const firstInBatch = new Map<string, number>();
    const duplicateOf: number[] = new Array(inputs.length).fill(-1);
    const fresh: { input: number; identity: string; time: number; keys: string[] }[] = [];
    for (let index = 0; index < inputs.length; index++) {
      const alert = parseAlert(inputs[index]);
      const product = alert.metadata.product;
      const identity = `${product.vendor_name.toLowerCase()}\u001f${product.name.toLowerCase()}\u001f${
        alert.metadata.uid || alert.finding_info?.uid
      }`;
      const storedIndex = this.stored.get(identity);
      if (storedIndex !== undefined) {
        result[index] = this.caseOf[storedIndex]!;
        continue;
      }
      const first = firstInBatch.get(identity);
      if (first !== undefined) {
        duplicateOf[index] = first;
        continue;
      }
      firstInBatch.set(identity, index);
      const keys: string[] = [];
      for (const entity of entitiesOfAlert(alert).entities) {
        if (correlatesByDefault(entity)) keys.push(entityKey(entity));
      }
      fresh.push({ input: index, identity, time: alert.time, keys });
    }
    const order = fresh.map((_alert, position) => position);
    order.sort((a, b) => fresh[a]!.time - fresh[b]!.time || a - b);

    const ignored = this.overCommonKeys(fresh);

    // Slots: 1..caseCount are the existing cases, caseCount+1.. the groups this batch opens, in opening order.
    // A lower slot wins ties, as in the engine (existing cases by id, then the oldest group).
    const existingCount = this.caseCount;
    const capacity = existingCount + fresh.length + 1;
    const parent = new Int32Array(capacity);
    const size = new Int32Array(capacity).fill(1);
    const lastAt = new Float64Array(capacity);
    for (let slot = 0; slot < capacity; slot++) parent[slot] = slot;
    for (let caseNumber = 1; caseNumber <= existingCount; caseNumber++)
      lastAt[caseNumber] = this.caseLastAt[caseNumber]!;
    let nextSlot = existingCount + 1;
    const find = (slot: number): number => {
      while (parent[slot] !== slot) slot = parent[slot]!;
      return slot;
    };
    const isExisting = (slot: number) => slot <= existingCount;
    const unite = (target: number, other: number): number => {
      let root = target;
      let child = other;
      if (
        isExisting(other) ||
        (!isExisting(target) && (size[other]! > size[target]! || (size[other] === size[target] && other < target)))
      ) {
        root = other;
        child = target;
      }
      parent[child] = root;
      size[root]! += size[child]!;
      if (lastAt[child]! > lastAt[root]!) lastAt[root] = lastAt[child]!;
      return root;
    };

    const slotOfFresh = new Int32Array(fresh.length);
    const visited: number[] = [];
    for (const position of order) {
      const { time, keys } = fresh[position]!;
      // Which keys of this alert each candidate group shares, as a bit mask over the alert's keys.
      const shared = new Map<number, number>();
      const compare = (otherKeys: readonly string[], otherSlot: number) => {
        for (let keyIndex = 0; keyIndex < keys.length; keyIndex++) {
          const key = keys[keyIndex]!;
          if (ignored.has(key) || !otherKeys.includes(key)) continue;
          const root = find(otherSlot);
          shared.set(root, (shared.get(root) ?? 0) | (1 << keyIndex));
        }
      };
      const times = this.times;
      for (let stored = 0; stored < times.length; stored++) {
        if (Math.abs(time - times[stored]!) <= windowMs) compare(this.keys[stored]!, this.caseOf[stored]!);
      }
      for (const earlier of visited) {
        if (Math.abs(time - fresh[earlier]!.time) <= windowMs) compare(fresh[earlier]!.keys, slotOfFresh[earlier]!);
      }

      let target: number;
      if (shared.size === 0) {
        target = nextSlot++;
        lastAt[target] = time;
      } else {
        const found = [...shared].map(([root, mask]) => ({ root, count: bitCount(mask) }));
        found.sort((a, b) => b.count - a.count || lastAt[b.root]! - lastAt[a.root]! || a.root - b.root);
        target = found[0]!.root;
        for (let candidate = 1; candidate < found.length; candidate++) {
          const other = found[candidate]!.root;
          if (isExisting(target) && isExisting(other)) continue;
          target = unite(target, other);
        }
        if (time > lastAt[target]!) lastAt[target] = time;
      }
      slotOfFresh[position] = target;
      visited.push(position);
    }

    // Number the groups this batch opened by their earliest alert, then store the batch.
    const caseOfRoot = new Map<number, number>();
    for (const position of order) {
      const root = find(slotOfFresh[position]!);
      let caseNumber = caseOfRoot.get(root);
      if (caseNumber === undefined) {
        caseNumber = isExisting(root) ? root : this.caseLastAt.push(Number.NEGATIVE_INFINITY) - 1;
        caseOfRoot.set(root, caseNumber);
      }
      const alert = fresh[position]!;
      if (alert.time > this.caseLastAt[caseNumber]!) this.caseLastAt[caseNumber] = alert.time;
      result[alert.input] = caseNumber;
    }
    for (const alert of fresh) {
      this.stored.set(alert.identity, this.times.length);
      this.times.push(alert.time);
      this.keys.push(alert.keys);
      this.caseOf.push(result[alert.input]!);
    }
    for (let index = 0; index < inputs.length; index++) {
      if (duplicateOf[index]! >= 0) result[index] = result[duplicateOf[index]!]!;
    }
    return result;
  }

  /**
   * Keys linked to too many existing cases around the batch: the engine's guard, computed pairwise (one pass
   * over every stored alert) from each case's time span per key.
   */
  private overCommonKeys(fresh: readonly { time: number; keys: readonly string[] }[]): Set<string> {
    const ignored = new Set<string>();
    if (fresh.length === 0) return ignored;
    const lookup = new Set<string>();
    let minimum = Number.POSITIVE_INFINITY;
    let maximum = Number.NEGATIVE_INFINITY;
    for (const alert of fresh) {
      for (const key of alert.keys) lookup.add(key);
      minimum = Math.min(minimum, alert.time);
      maximum = Math.max(maximum, alert.time);
    }
    const from = minimum - this.windowMs;
    const to = maximum + this.windowMs;
    const spans = new Map<string, Map<number, { first: number; last: number }>>();
    for (let stored = 0; stored < this.times.length; stored++) {
      const time = this.times[stored]!;
      for (const key of this.keys[stored]!) {
        if (!lookup.has(key)) continue;
        let ofKey = spans.get(key);
        if (ofKey === undefined) {
          ofKey = new Map();
          spans.set(key, ofKey);
        }
        const caseNumber = this.caseOf[stored]!;
        const span = ofKey.get(caseNumber);
        if (span === undefined) ofKey.set(caseNumber, { first: time, last: time });
        else {
          span.first = Math.min(span.first, time);
          span.last = Math.max(span.last, time);
        }
      }
    }
    for (const [key, ofKey] of spans) {
      let linked = 0;
      for (const span of ofKey.values()) if (span.last >= from && span.first <= to) linked++;
      if (linked > this.maxCasesPerEntity) ignored.add(key);
    }
    return ignored;
  }
}

function bitCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count++;
  return count;
}
