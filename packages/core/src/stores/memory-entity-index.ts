import type { EntityLink, TimeWindow } from './case-store.js';

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
    if (position === links.length) links.push(link);
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

  #firstEndingAtOrAfter(time: number): number {
    const links = this.#links;
    let low = 0;
    let high = links.length;
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
export class CaseLinks {
  list: readonly EntityLink[] = [];
  #byKey: Map<string, EntityLink> | null = null;

  get(entityKey: string): EntityLink | undefined {
    if (this.#byKey !== null) return this.#byKey.get(entityKey);
    const list = this.list;
    for (let index = 0; index < list.length; index++) if (list[index]!.entityKey === entityKey) return list[index];
    return undefined;
  }

  add(link: EntityLink): void {
    if (this.list.length === 0) this.list = [link];
    else (this.list as EntityLink[]).push(link);
    if (this.#byKey !== null) this.#byKey.set(link.entityKey, link);
    else if (this.list.length > 16) this.#byKey = new Map(this.list.map((each) => [each.entityKey, each]));
  }

  /** Entity keys, sorted. */
  keys(): string[] {
    return this.list.map((link) => link.entityKey).sort();
  }
}
