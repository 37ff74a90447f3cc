import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityLink } from './case-store.js';
import { CaseLinks, EntityLinks } from './memory-entity-index.js';

const link = (caseId: string, firstSeenAt: number, lastSeenAt: number): EntityLink => ({
  entityKey: 'user:jane',
  caseId,
  firstSeenAt,
  lastSeenAt,
  correlates: true,
});

const caseIds = (links: readonly EntityLink[]) => links.map((each) => each.caseId).sort();

describe('EntityLinks', () => {
  it('finds the links whose span overlaps a window, after inserts out of order and widening', () => {
    const links = new EntityLinks(link('case-1', 100, 200));
    const late = link('case-2', 500, 600);
    const early = link('case-3', 10, 20);
    links.add(late);
    links.add(early);
    links.widen(early, 5, 700);
    const found: EntityLink[] = [];
    links.collect({ from: 650, to: 800 }, () => true, found);
    expect(caseIds(found)).toEqual(['case-3']);
    found.length = 0;
    links.collect({ from: 150, to: 550 }, () => true, found);
    expect(caseIds(found)).toEqual(['case-1', 'case-2', 'case-3']);
    links.remove(early);
    found.length = 0;
    links.collect({ from: 0, to: 1_000 }, (each) => each.caseId !== 'case-1', found);
    expect(caseIds(found)).toEqual(['case-2']);
  });

  it('answers every window as a scan of all links would, whatever the order of adds, widenings and removals', () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), first: fc.nat(1_000), length: fc.nat(200) }),
      fc.record({ kind: fc.constant('widen' as const), pick: fc.nat(), first: fc.nat(1_000), length: fc.nat(300) }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 1, maxLength: 60 }),
        fc.nat(1_300),
        fc.nat(400),
        (operations, from, width) => {
          const all = [link('case-0', 500, 500)];
          const links = new EntityLinks(all[0]!);
          for (const [index, step] of operations.entries()) {
            if (step.kind === 'add') {
              const added = link(`case-${index + 1}`, step.first, step.first + step.length);
              all.push(added);
              links.add(added);
            } else if (all.length > 0) {
              const target = all[step.pick % all.length]!;
              if (step.kind === 'widen') links.widen(target, step.first, step.first + step.length);
              else if (all.length > 1) {
                links.remove(target);
                all.splice(all.indexOf(target), 1);
              }
            }
          }
          const window = { from, to: from + width };
          const found: EntityLink[] = [];
          links.collect(window, () => true, found);
          const expected = all.filter((each) => each.lastSeenAt >= window.from && each.firstSeenAt <= window.to);
          expect(caseIds(found)).toEqual(caseIds(expected));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('CaseLinks', () => {
  it('finds a link by entity key before and after it switches to a map', () => {
    const links = new CaseLinks();
    for (let index = 0; index < 40; index++) {
      links.add({ ...link('case-1', index, index), entityKey: `ip:203.0.113.${index}` });
      expect(links.get(`ip:203.0.113.${index}`)?.firstSeenAt).toBe(index);
      expect(links.get('ip:203.0.113.0')?.firstSeenAt).toBe(0);
    }
    expect(links.get('ip:198.51.100.1')).toBeUndefined();
    expect(links.keys()).toEqual([...links.keys()].sort());
    expect(links.keys()).toHaveLength(40);
  });
});
