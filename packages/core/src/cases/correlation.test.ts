import { describe, expect, it } from 'vitest';
import type { EntityLink } from '../stores/case-store.js';
import { correlate, timeOrder } from './correlation.js';

const options = { windowMs: 100, maxCasesPerEntity: 2 };
const link = (entityKey: string, caseId: string, firstSeenAt: number, lastSeenAt = firstSeenAt): EntityLink => ({
  entityKey,
  caseId,
  firstSeenAt,
  lastSeenAt,
  correlates: true,
});
const casesOf = (plan: ReturnType<typeof correlate>) =>
  Array.from(plan.groupOf, (group) => plan.groups[group]!.caseId ?? `new-${group}`);

describe('correlate', () => {
  it('groups a batch by shared entities within the window, transitively', () => {
    const plan = correlate(
      [
        { time: 0, keys: ['user:a'] },
        { time: 250, keys: ['user:a'] },
        { time: 90, keys: ['user:a', 'host:h'] },
        { time: 180, keys: ['host:h'] },
        { time: 10, keys: [] },
      ],
      [],
      [],
      options,
    );
    // 0 -a- 90 -h- 180, while 250 is more than a window after the last sighting of user:a (90).
    expect(casesOf(plan)).toEqual(['new-0', 'new-2', 'new-0', 'new-0', 'new-1']);
  });

  it('joins the existing case sharing most entities, then the most recent, and never unites two existing cases', () => {
    const links = [
      link('user:a', 'case-1', 0),
      link('host:h', 'case-1', 0),
      link('user:a', 'case-2', 50),
      link('ip:1', 'case-3', 60),
    ];
    const candidates = [
      { caseId: 'case-1', lastAlertAt: 0 },
      { caseId: 'case-2', lastAlertAt: 50 },
      { caseId: 'case-3', lastAlertAt: 60 },
    ];
    expect(casesOf(correlate([{ time: 70, keys: ['user:a', 'host:h', 'ip:1'] }], links, candidates, options))).toEqual([
      'case-1',
    ]);
    expect(casesOf(correlate([{ time: 70, keys: ['user:a', 'ip:1'] }], links, candidates, options))).toEqual([
      'case-3',
    ]);
    // A new group and an existing case can be united: the bridge pulls the earlier batch alert in.
    expect(
      casesOf(
        correlate(
          [
            { time: 60, keys: ['email:x'] },
            { time: 70, keys: ['email:x', 'ip:1'] },
          ],
          links,
          candidates,
          options,
        ),
      ),
    ).toEqual(['case-3', 'case-3']);
  });

  it('ignores links outside the window and entities on too many open cases', () => {
    const links = [
      link('user:a', 'case-1', 0),
      link('host:h', 'case-1', 500),
      link('host:h', 'case-2', 500),
      link('host:h', 'case-3', 500),
    ];
    const candidates = ['case-1', 'case-2', 'case-3'].map((caseId) => ({ caseId, lastAlertAt: 500 }));
    const plan = correlate(
      [
        { time: 450, keys: ['host:h'] },
        { time: 300, keys: ['user:a'] },
      ],
      links,
      candidates,
      options,
    );
    expect(casesOf(plan)).toEqual(['new-1', 'new-0']);
    expect([...plan.ignoredKeys]).toEqual(['host:h']);
  });
});

describe('timeOrder', () => {
  it('orders by time, ties by position', () => {
    expect([...timeOrder([{ time: 5 }, { time: 1 }, { time: 5 }, { time: 0 }])]).toEqual([3, 1, 0, 2]);
    expect([...timeOrder([{ time: 1 }, { time: 2 }])]).toEqual([0, 1]);
  });
});
