import type { EntityLink, TimeWindow } from './case-store.js';

/** Below this length a list grows by exact-size copies; from here on by `push`, whose growth is amortised. */
const compactListLimit = 16;

/**
 * `list` with `item` appended. `push` on a short list reserves room for 17 more elements, and the store keeps
 * hundreds of thousands of short lists (a case's alerts and entries, an entity's links) for good: a copy of the
 * exact size holds the same elements in about a third of the memory, and the collector copies and marks less.
 * May return `list` itself, so callers store the result.
 */
export function appendCompact<T>(list: T[], item: T): T[] {
  if (list.length >= compactListLimit) {
    list.push(item);
    return list;
  }
  return list.concat([item]);
}

/**
 * One entity's links, ordered by `lastSeenAt` (ties in insertion order), so a window lookup starts at the first
 * link that ends inside the window — found by binary search — instead of reading every link the entity ever had.
 * Event time moves forward, so the links a batch can match sit at the end and a lookup costs the links near the
 * batch, however long the store has been filling.
 */
export class EntityLinks {
  #links: EntityLink[];
  /** The store's count of the lookup that last read this entity, so a lookup reads each entity once. */
  lastLookup = 0;

  /** Starts with its first link: most entities are seen on one case, and `[link]` reserves one slot, not 17. */
  constructor(first: EntityLink) {
    this.#links = [first];
  }

  get size(): number {
    return this.#links.length;
  }

  add(link: EntityLink): void {
    const links = this.#links;
    let position = links.length;
    // Usually the newest link ends last: then this loop does not run.
    while (position > 0 && links[position - 1]!.lastSeenAt > link.lastSeenAt) position--;
    if (position === links.length) this.#links = appendCompact(links, link);
    else links.splice(position, 0, link);
  }

  /** Widens `link` (held in this index) to `firstSeenAt..lastSeenAt`, keeping the order. */
  widen(link: EntityLink, firstSeenAt: number, lastSeenAt: number): void {
    if (firstSeenAt < link.firstSeenAt) link.firstSeenAt = firstSeenAt;
    if (lastSeenAt <= link.lastSeenAt) return;
    const links = this.#links;
    let position = this.#indexOf(link);
    link.lastSeenAt = lastSeenAt;
    // Move it towards the end past the links that now end before it; a recent case is already near the end.
    while (position + 1 < links.length && links[position + 1]!.lastSeenAt <= lastSeenAt) {
      links[position] = links[position + 1]!;
      position++;
    }
    links[position] = link;
  }

  remove(link: EntityLink): void {
    this.#links.splice(this.#indexOf(link), 1);
  }

  /** Links whose span overlaps `window` (`lastSeenAt >= from` and `firstSeenAt <= to`), passing `accept`. */
  collect(window: TimeWindow, accept: (link: EntityLink) => boolean, into: EntityLink[]): void {
    const links = this.#links;
    for (let index = this.#firstEndingAtOrAfter(window.from); index < links.length; index++) {
      const link = links[index]!;
      if (link.firstSeenAt <= window.to && accept(link)) into.push(link);
    }
  }

  /**
   * Gallops back from the end (1, 2, 4 ... links) to bracket the answer, then binary-searches the bracket: the
   * times asked for are recent, so this reads a few of the newest links — likely still in the CPU cache —
   * rather than halving from the middle of a long history.
   */
  #firstEndingAtOrAfter(time: number): number {
    const links = this.#links;
    let high = links.length;
    let step = 1;
    while (high - step >= 0 && links[high - step]!.lastSeenAt >= time) {
      high -= step;
      step *= 2;
    }
    // Every link from `high` on ends at or after `time`; the first one does within `step` links before it.
    let low = Math.max(0, high - step + 1);
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (links[middle]!.lastSeenAt < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #indexOf(link: EntityLink): number {
    const links = this.#links;
    for (let index = this.#firstEndingAtOrAfter(link.lastSeenAt); index < links.length; index++) {
      if (links[index] === link) return index;
    }
    throw new Error(`entity index out of order for ${link.entityKey} on ${link.caseId}`);
  }
}

/** A case's links, one per entity; a map only once a case has many, since most cases have a handful. */
/** Shared by every case without links; `appendCompact` never writes to an empty list. */
const noLinks: readonly EntityLink[] = [];

export class CaseLinks {
  list: readonly EntityLink[] = noLinks;
  #byKey: Map<string, EntityLink> | null = null;

  get(entityKey: string): EntityLink | undefined {
    if (this.#byKey !== null) return this.#byKey.get(entityKey);
    const list = this.list;
    for (let index = 0; index < list.length; index++) if (list[index]!.entityKey === entityKey) return list[index];
    return undefined;
  }

  add(link: EntityLink): void {
    this.list = appendCompact(this.list as EntityLink[], link);
    if (this.#byKey !== null) this.#byKey.set(link.entityKey, link);
    else if (this.list.length > 16) this.#byKey = new Map(this.list.map((each) => [each.entityKey, each]));
  }

  /** Entity keys, sorted. */
  keys(): string[] {
    return this.list.map((link) => link.entityKey).sort();
  }
}
