import type { EntityLink } from '../stores/case-store.js';

/** One alert as correlation sees it: its event time and the entity keys it may correlate on. */
export interface CorrelationAlert {
  time: number;
  /** De-duplicated entity keys that take part in correlation. */
  keys: readonly string[];
}

/** An open case an alert of the batch may join. */
export interface CorrelationCandidate {
  caseId: string;
  lastAlertAt: number;
}

export interface CorrelationOptions {
  /** Alerts correlate when they share an entity and their event times are at most this far apart. */
  windowMs: number;
  /**
   * An entity linked to more open cases than this (within the window) is too common to say anything: it is
   * ignored for this batch, which also bounds the work per alert.
   */
  maxCasesPerEntity: number;
}

/** Where each alert of a batch goes: an existing case (`caseId`) or a new one (`caseId: null`). */
export interface CorrelationPlan {
  /** Group index per input alert. */
  groupOf: Int32Array;
  /** Groups in order of their earliest alert (event time, then input position). */
  groups: { caseId: string | null }[];
  /** Entity keys ignored because they link too many open cases. */
  ignoredKeys: ReadonlySet<string>;
  /** Alert positions in the order they were visited (event time, then input position). */
  order: Uint32Array;
}

interface Span {
  slot: number;
  first: number;
  last: number;
}

/**
 * Groups a batch of alerts into cases: near-linear, never pairwise.
 *
 * Alerts are visited in event-time order. An alert's candidates are the groups that saw one of its entities
 * within `windowMs` — existing open cases through their entity links, and groups formed earlier in this batch
 * through an in-memory index of the same shape. It joins the candidate with the most shared entities (ties:
 * the most recent `lastAlertAt`, then an existing case, then the earliest group). The other candidates are
 * united with it by union-find, except that two existing cases are never united: existing cases are never
 * merged automatically, so an alert bridging two of them simply joins the better one.
 *
 * Within a batch this makes groups the connected components of "shares an entity within the window";
 * across batches, an alert can join a case but never merge two, so each case stays connected.
 */
export function correlate(
  alerts: readonly CorrelationAlert[],
  links: readonly EntityLink[],
  candidates: readonly CorrelationCandidate[],
  options: CorrelationOptions,
): CorrelationPlan {
  const windowMs = options.windowMs;
  const count = alerts.length;

  // Slots 0..existing-1 are existing cases (by id, for a stable order); new groups are appended after them.
  const existing = [...candidates].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const existingCount = existing.length;
  const slotOfCase = new Map<string, number>();
  for (const [index, candidate] of existing.entries()) slotOfCase.set(candidate.caseId, index);

  const capacity = existingCount + count;
  const parent = new Int32Array(capacity);
  const size = new Int32Array(capacity);
  const lastAt = new Float64Array(capacity);
  const seenForKey = new Int32Array(capacity);
  const seenForAlert = new Int32Array(capacity);
  const shared = new Int32Array(capacity);
  let slots = existingCount;
  for (let slot = 0; slot < existingCount; slot++) {
    parent[slot] = slot;
    size[slot] = 1;
    lastAt[slot] = existing[slot]!.lastAlertAt;
  }

  const find = (slot: number): number => {
    let root = slot;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[slot] !== root) {
      const next = parent[slot]!;
      parent[slot] = root;
      slot = next;
    }
    return root;
  };
  // The root of a united group is its existing case when it has one, so "is existing" is `root < existingCount`.
  const unite = (a: number, b: number): number => {
    if (a === b) return a;
    let root = a;
    let child = b;
    if (b < existingCount || (a >= existingCount && (size[b]! > size[a]! || (size[b] === size[a] && b < a)))) {
      root = b;
      child = a;
    }
    parent[child] = root;
    size[root]! += size[child]!;
    if (lastAt[child]! > lastAt[root]!) lastAt[root] = lastAt[child]!;
    return root;
  };

  // The in-memory entity index: entity key → time spans per slot.
  const index = new Map<string, Span[]>();
  const linkCount = new Map<string, number>();
  for (const link of links) {
    if (slotOfCase.has(link.caseId)) linkCount.set(link.entityKey, (linkCount.get(link.entityKey) ?? 0) + 1);
  }
  const ignoredKeys = new Set<string>();
  for (const [key, links] of linkCount) if (links > options.maxCasesPerEntity) ignoredKeys.add(key);
  for (const link of links) {
    const slot = slotOfCase.get(link.caseId);
    if (slot === undefined || ignoredKeys.has(link.entityKey)) continue;
    const span = { slot, first: link.firstSeenAt, last: link.lastSeenAt };
    const spans = index.get(link.entityKey);
    if (spans === undefined) index.set(link.entityKey, [span]);
    else spans.push(span);
  }

  const order = timeOrder(alerts);
  const slotOf = new Int32Array(count);
  const found: number[] = [];
  let keyStamp = 0;
  for (let position = 0; position < count; position++) {
    const alertIndex = order[position]!;
    const { time, keys } = alerts[alertIndex]!;
    const alertStamp = position + 1;
    found.length = 0;
    for (const key of keys) {
      const spans = index.get(key);
      if (spans === undefined) continue;
      keyStamp++;
      for (let spanIndex = 0; spanIndex < spans.length; ) {
        const span = spans[spanIndex]!;
        // Visits are in time order, so a span that ended more than a window ago can never match again.
        if (span.last + windowMs < time) {
          spans[spanIndex] = spans[spans.length - 1]!;
          spans.pop();
          continue;
        }
        spanIndex++;
        if (span.first - windowMs > time) continue;
        const root = find(span.slot);
        if (seenForKey[root] === keyStamp) continue;
        seenForKey[root] = keyStamp;
        if (seenForAlert[root] !== alertStamp) {
          seenForAlert[root] = alertStamp;
          shared[root] = 0;
          found.push(root);
        }
        shared[root]!++;
      }
    }

    let target: number;
    if (found.length === 0) {
      target = slots++;
      parent[target] = target;
      size[target] = 1;
      lastAt[target] = time;
    } else {
      if (found.length > 1) {
        found.sort((a, b) => shared[b]! - shared[a]! || lastAt[b]! - lastAt[a]! || a - b);
      }
      target = found[0]!;
      for (let candidate = 1; candidate < found.length; candidate++) {
        const other = found[candidate]!;
        if (target < existingCount && other < existingCount) continue;
        target = unite(target, other);
      }
      if (time > lastAt[target]!) lastAt[target] = time;
    }
    slotOf[alertIndex] = target;

    for (const key of keys) {
      if (ignoredKeys.has(key)) continue;
      let spans = index.get(key);
      if (spans === undefined) {
        spans = [];
        index.set(key, spans);
      }
      let widened = false;
      for (const span of spans) {
        if (find(span.slot) !== target) continue;
        if (time < span.first) span.first = time;
        if (time > span.last) span.last = time;
        widened = true;
        break;
      }
      if (!widened) spans.push({ slot: target, first: time, last: time });
    }
  }

  // Number groups by their earliest alert, so new case ids follow event time.
  const groupOfRoot = new Int32Array(capacity).fill(-1);
  const groups: { caseId: string | null }[] = [];
  const groupOf = new Int32Array(count);
  for (let position = 0; position < count; position++) {
    const alertIndex = order[position]!;
    const root = find(slotOf[alertIndex]!);
    let group = groupOfRoot[root]!;
    if (group === -1) {
      group = groups.length;
      groupOfRoot[root] = group;
      groups.push({ caseId: root < existingCount ? existing[root]!.caseId : null });
    }
    groupOf[alertIndex] = group;
  }
  return { groupOf, groups, ignoredKeys, order };
}

/** Alert positions in event-time order, ties in input order. Already sorted input (the usual case) costs one pass. */
export function timeOrder(alerts: readonly { time: number }[]): Uint32Array {
  const order = new Uint32Array(alerts.length);
  let sorted = true;
  for (let index = 0; index < alerts.length; index++) {
    order[index] = index;
    if (index > 0 && alerts[index]!.time < alerts[index - 1]!.time) sorted = false;
  }
  if (!sorted) order.sort((a, b) => alerts[a]!.time - alerts[b]!.time || a - b);
  return order;
}
