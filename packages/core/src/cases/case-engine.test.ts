import { describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.js';
import { AuditLog } from '../audit/audit-log.js';
import { MemoryAuditStore } from '../stores/memory-audit-store.js';
import { ManualClock, sequentialIds } from '../clock.js';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../errors.js';
import type { CaseChangeSet, CaseStore } from '../stores/case-store.js';
import { MemoryCaseStore } from '../stores/memory-case-store.js';
import { alertInput, baseTime, minute, RecordingAuditSink } from './__fixtures__/alert-factory.js';
import { correlatesByDefault } from './alert-entities.js';
import { createCaseEngine } from './case-engine.js';
import type { CaseEngineOptions } from './case-engine-types.js';
import { AuditAppendError, CaseClosedError } from './case-errors.js';

const tenantId = 'acme';
const analyst = { type: 'analyst', id: 'dana' } as const;
const hour = 60 * minute;

function setup(overrides: Partial<CaseEngineOptions> = {}) {
  const store = new MemoryCaseStore();
  const audit = new RecordingAuditSink();
  const clock = new ManualClock(baseTime + 24 * hour);
  const engine = createCaseEngine({
    store,
    audit,
    clock,
    ids: sequentialIds(),
    correlationWindowMs: hour,
    ...overrides,
  });
  return { store, audit, clock, engine };
}

describe('case engine: ingest', () => {
  it('opens a case per unrelated alert with a title, the alert severity, status new and a timeline', async () => {
    const { engine, store, audit } = setup();
    const result = await engine.ingest(
      [
        alertInput('a1', { entities: ['user:jane'], severityId: 4, title: 'MFA fatigue' }),
        alertInput('a2', { entities: ['ip:198.51.100.9'], time: baseTime + minute }),
      ],
      { tenantId },
    );
    expect(result.cases).toHaveLength(2);
    expect(result.cases.every((summary) => summary.created)).toBe(true);
    const first = await store.getCase(tenantId, result.alerts[0]!.caseId);
    expect(first).toMatchObject({
      title: 'MFA fatigue',
      status: 'new',
      severityId: 4,
      alertIds: [result.alerts[0]!.alertId],
      entities: ['user:jane'],
      firstAlertAt: baseTime,
      lastAlertAt: baseTime,
      version: 1,
      verdict: null,
      mergedInto: null,
    });
    const timeline = await store.getTimeline(tenantId, first!.id);
    expect(timeline).toEqual([
      expect.objectContaining({
        type: 'alert-added',
        data: { alertId: result.alerts[0]!.alertId, title: 'MFA fatigue', severityId: 4, entities: ['user:jane'] },
      }),
    ]);
    expect(audit.events.map((event) => [event.type, event.caseId])).toEqual([
      ['case-created', first!.id],
      ['alert-added', first!.id],
      ['case-created', result.alerts[1]!.caseId],
      ['alert-added', result.alerts[1]!.caseId],
    ]);
    for (const event of audit.events) {
      expect(event.tenantId).toBe(tenantId);
      expect(event.at).toBe(baseTime + 24 * hour);
      expect(event.actor).toEqual({ type: 'system', id: 'case-engine' });
      expect(AuditEvent.safeParse(event).success).toBe(true);
    }
  });

  it('correlates alerts that share an entity within the window, and not outside it', async () => {
    const { engine } = setup();
    const first = await engine.ingest([alertInput('a1', { entities: ['user:jane', 'host:ws-7'] })], { tenantId });
    const near = await engine.ingest([alertInput('a2', { entities: ['host:ws-7'], time: baseTime + 59 * minute })], {
      tenantId,
    });
    const far = await engine.ingest([alertInput('a3', { entities: ['user:jane'], time: baseTime + 3 * hour })], {
      tenantId,
    });
    expect(near.alerts[0]!.caseId).toBe(first.alerts[0]!.caseId);
    expect(near.cases).toEqual([expect.objectContaining({ created: false, version: 2 })]);
    expect(far.alerts[0]!.caseId).not.toBe(first.alerts[0]!.caseId);
    expect(far.cases[0]!.created).toBe(true);
  });

  it('measures the window from the case’s latest sighting of the entity, so a chain keeps a case going', async () => {
    const { engine } = setup();
    const results = [];
    for (let step = 0; step < 5; step++) {
      results.push(
        await engine.ingest(
          [alertInput(`a${step}`, { entities: ['user:jane'], time: baseTime + step * 50 * minute })],
          {
            tenantId,
          },
        ),
      );
    }
    expect(new Set(results.map((result) => result.alerts[0]!.caseId)).size).toBe(1);
  });

  it('correlates transitively within one batch, whatever the input order', async () => {
    const { engine, store } = setup();
    const result = await engine.ingest(
      [
        alertInput('c', { entities: ['ip:203.0.113.7'], time: baseTime + 20 * minute }),
        alertInput('a', { entities: ['email:jane@acme.example'], time: baseTime }),
        alertInput('b', { entities: ['email:jane@acme.example', 'ip:203.0.113.7'], time: baseTime + 10 * minute }),
        alertInput('d', { entities: ['ip:192.0.2.1'], time: baseTime + 10 * minute }),
      ],
      { tenantId },
    );
    const [c, a, b, d] = result.alerts;
    expect(new Set([a!.caseId, b!.caseId, c!.caseId]).size).toBe(1);
    expect(d!.caseId).not.toBe(a!.caseId);
    const stored = await store.getCase(tenantId, a!.caseId);
    // A case lists alerts in event-time order and its entities sorted.
    expect(stored?.alertIds).toEqual([a!.alertId, b!.alertId, c!.alertId]);
    expect(stored?.entities).toEqual(['email:jane@acme.example', 'ip:203.0.113.7']);
    expect(stored?.firstAlertAt).toBe(baseTime);
    expect(stored?.lastAlertAt).toBe(baseTime + 20 * minute);
  });

  it('counts duplicates on the stored alert instead of creating alerts or cases', async () => {
    const { engine, store, audit } = setup();
    const first = await engine.ingest(
      [alertInput('a1', { entities: ['user:jane'] }), alertInput('a1', { entities: ['user:jane'] })],
      { tenantId },
    );
    expect(first.cases).toHaveLength(1);
    expect(first.duplicates).toEqual([
      {
        index: 1,
        alertId: first.alerts[0]!.alertId,
        caseId: first.alerts[0]!.caseId,
        fingerprint: first.alerts[0]!.fingerprint,
        duplicate: true,
      },
    ]);
    const again = await engine.ingest([alertInput('a1', { entities: ['user:jane'] })], { tenantId });
    expect(again.cases).toEqual([]);
    expect(again.timeline).toEqual([]);
    expect(again.duplicates.map((duplicate) => duplicate.alertId)).toEqual([first.alerts[0]!.alertId]);
    const stored = await store.getAlert(tenantId, first.alerts[0]!.alertId);
    expect(stored?.duplicateCount).toBe(2);
    expect((await store.getCase(tenantId, first.alerts[0]!.caseId))?.alertIds).toHaveLength(1);
    expect(audit.events.filter((event) => event.type === 'alert-duplicated').map((event) => event.data)).toEqual([
      { alertId: first.alerts[0]!.alertId, count: 1 },
      { alertId: first.alerts[0]!.alertId, count: 1 },
    ]);
  });

  it('treats the same vendor id from another product as a different alert', async () => {
    const { engine } = setup();
    const result = await engine.ingest(
      [alertInput('same-id', { vendor: 'Okta' }), alertInput('same-id', { vendor: 'CrowdStrike' })],
      { tenantId },
    );
    expect(result.duplicates).toEqual([]);
  });

  it('joins the open case sharing the most entities, ties to the most recent, and never merges cases', async () => {
    const { engine, store } = setup();
    const one = await engine.ingest([alertInput('a1', { entities: ['user:jane', 'host:ws-7'] })], { tenantId });
    const two = await engine.ingest([alertInput('a2', { entities: ['ip:203.0.113.7'], time: baseTime + minute })], {
      tenantId,
    });
    const bridge = await engine.ingest(
      [alertInput('a3', { entities: ['user:jane', 'host:ws-7', 'ip:203.0.113.7'], time: baseTime + 2 * minute })],
      { tenantId },
    );
    expect(bridge.alerts[0]!.caseId).toBe(one.alerts[0]!.caseId);
    expect((await store.getCase(tenantId, two.alerts[0]!.caseId))?.alertIds).toEqual([two.alerts[0]!.alertId]);
    const tie = await engine.ingest(
      [alertInput('a4', { entities: ['user:jane', 'ip:203.0.113.7'], time: baseTime + 3 * minute })],
      { tenantId },
    );
    // Case one holds the ip too now (through a3), so it shares two entities with a4 and case two only one.
    expect(tie.alerts[0]!.caseId).toBe(one.alerts[0]!.caseId);
    const three = await engine.ingest([alertInput('a5', { entities: ['host:db-1'], time: baseTime + 10 * minute })], {
      tenantId,
    });
    const tied = await engine.ingest(
      [alertInput('a6', { entities: ['host:db-1', 'ip:203.0.113.7'], time: baseTime + 11 * minute })],
      { tenantId },
    );
    // One shared entity with case one (ip) and one with case three (host:db-1): the more recent case wins.
    expect(tied.alerts[0]!.caseId).toBe(three.alerts[0]!.caseId);
    expect((await store.listCases(tenantId)).cases).toHaveLength(3);
  });

  it('does not add alerts to resolved or closed cases', async () => {
    const { engine } = setup();
    const first = await engine.ingest([alertInput('a1', { entities: ['user:jane'] })], { tenantId });
    const caseId = first.alerts[0]!.caseId;
    await engine.transition(caseId, 'triaging', { tenantId, actor: analyst });
    await engine.transition(caseId, 'resolved', { tenantId, actor: analyst });
    const later = await engine.ingest([alertInput('a2', { entities: ['user:jane'], time: baseTime + minute })], {
      tenantId,
    });
    expect(later.alerts[0]!.caseId).not.toBe(caseId);
  });

  it('keeps tenants apart', async () => {
    const { engine, store } = setup();
    const a = await engine.ingest([alertInput('a1', { entities: ['user:jane'] })], { tenantId: 'tenant-a' });
    const b = await engine.ingest([alertInput('a1', { entities: ['user:jane'] })], { tenantId: 'tenant-b' });
    expect(b.duplicates).toEqual([]);
    expect(b.alerts[0]!.caseId).not.toBe(a.alerts[0]!.caseId);
    const b2 = await engine.ingest([alertInput('a2', { entities: ['user:jane'], time: baseTime + minute })], {
      tenantId: 'tenant-b',
    });
    expect(b2.alerts[0]!.caseId).toBe(b.alerts[0]!.caseId);
    expect((await store.getCase('tenant-a', a.alerts[0]!.caseId))?.alertIds).toEqual([a.alerts[0]!.alertId]);
    expect(await store.getCase('tenant-a', b.alerts[0]!.caseId)).toBeNull();
  });

  it('rejects a batch with an invalid alert whole, naming its index and path, and writes nothing', async () => {
    const { engine, store, audit } = setup();
    const bad = { ...alertInput('a3'), finding_info: { uid: 'a3' } };
    const error = await engine
      .ingest([alertInput('a1'), alertInput('a2'), bad, alertInput('a4', { severityId: 9 })], { tenantId })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    const issues = (error as ValidationError).issues.map((issue) => issue.path);
    expect(issues).toEqual(['[2].finding_info.title', '[3].severity_id']);
    expect((error as ValidationError).message).toContain('2 of 4 alerts invalid');
    expect((await store.listCases(tenantId)).cases).toEqual([]);
    expect(audit.events).toEqual([]);
  });

  it('rejects a missing tenant', async () => {
    const { engine } = setup();
    await expect(engine.ingest([alertInput('a1')], { tenantId: '' })).rejects.toSatisfy(ValidationError.isInstance);
  });

  it('keeps excluded entities on the case but never correlates on them', async () => {
    const { engine, store } = setup({
      correlateOn: (entity) => correlatesByDefault(entity) && !(entity.kind === 'ip' && entity.value === '10.0.0.53'),
    });
    const result = await engine.ingest(
      [
        alertInput('a1', { entities: ['ip:10.0.0.53', 'user:jane'] }),
        alertInput('a2', { entities: ['ip:10.0.0.53', 'user:omar'] }),
        alertInput('a3', { entities: ['host:localhost', 'user:li'] }),
        alertInput('a4', { entities: ['host:localhost', 'user:sam'] }),
      ],
      { tenantId },
    );
    expect(new Set(result.alerts.map((alert) => alert.caseId)).size).toBe(4);
    expect((await store.getCase(tenantId, result.alerts[0]!.caseId))?.entities).toEqual(['ip:10.0.0.53', 'user:jane']);
  });

  it('retries a batch that lost a race, and gives up after the configured retries without writing', async () => {
    const store = new MemoryCaseStore();
    let failures = 1;
    const racing = new Proxy<CaseStore>(store, {
      get(target, property) {
        if (property === 'applyChanges') {
          return async (changes: CaseChangeSet) => {
            if (failures-- > 0) throw new ConflictError('Case', 'case_x', 1, 2);
            return target.applyChanges(changes);
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { engine } = setup({ store: racing });
    const result = await engine.ingest([alertInput('a1', { entities: ['user:jane'] })], { tenantId });
    expect(await store.getCase(tenantId, result.alerts[0]!.caseId)).not.toBeNull();

    failures = 10;
    const strict = setup({ store: racing, conflictRetries: 1 });
    await expect(strict.engine.ingest([alertInput('a2')], { tenantId })).rejects.toSatisfy(ConflictError.isInstance);
    expect(strict.audit.events).toEqual([]);
    expect((await store.listCases(tenantId)).cases).toHaveLength(1);
  });

  it('reports stored changes whose audit append failed with AuditAppendError carrying the events', async () => {
    const { engine, store } = setup({
      audit: {
        appendMany: async () => {
          throw new Error('disk full');
        },
      },
    });
    const error = await engine.ingest([alertInput('a1')], { tenantId }).catch((caught: unknown) => caught);
    expect(AuditAppendError.isInstance(error)).toBe(true);
    expect((error as AuditAppendError).events.map((event) => event.type)).toEqual(['case-created', 'alert-added']);
    expect((await store.listCases(tenantId)).cases).toHaveLength(1);
  });

  it('is deterministic: the same input gives the same result, store and audit trail', async () => {
    const run = async () => {
      const context = setup();
      const batches = [
        [
          alertInput('a1', { entities: ['user:jane', 'ip:203.0.113.7'], severityId: 2 }),
          alertInput('a2', { entities: ['ip:203.0.113.7'], time: baseTime + minute, severityId: 5 }),
          alertInput('a3', { entities: ['host:ws-1'], time: baseTime + 2 * minute }),
        ],
        [alertInput('a4', { entities: ['host:ws-1', 'user:jane'], time: baseTime + 3 * minute }), alertInput('a1')],
      ];
      const results = [];
      for (const batch of batches) {
        results.push(await context.engine.ingest(batch, { tenantId }));
        context.clock.advance(minute);
      }
      const cases = await context.store.listCases(tenantId);
      const timelines = await Promise.all(cases.cases.map((record) => context.store.getTimeline(tenantId, record.id)));
      return { results, cases, timelines, audit: context.audit.events };
    };
    expect(await run()).toEqual(await run());
  });
});

describe('case engine: lifecycle', () => {
  async function oneCase() {
    const context = setup();
    const result = await context.engine.ingest([alertInput('a1', { entities: ['user:jane'] })], { tenantId });
    return { ...context, caseId: result.alerts[0]!.caseId };
  }

  it('moves through guarded transitions, setting milestones from the clock', async () => {
    const { engine, clock, caseId, store, audit } = await oneCase();
    const start = clock.now();
    clock.advance(minute);
    const triaging = await engine.transition(caseId, 'triaging', { tenantId, actor: analyst });
    expect(triaging.status).toBe('triaging');
    expect(triaging.milestones).toEqual({});
    clock.advance(minute);
    const investigating = await engine.transition(caseId, 'investigating', {
      tenantId,
      actor: analyst,
      reason: 'IOC hit',
    });
    expect(investigating.milestones).toEqual({ triagedAt: start + 2 * minute });
    clock.advance(minute);
    const resolved = await engine.transition(caseId, 'resolved', { tenantId, actor: analyst });
    expect(resolved.milestones).toEqual({ triagedAt: start + 2 * minute, resolvedAt: start + 3 * minute });
    expect(resolved.version).toBe(4);
    expect(resolved.alertIds).toHaveLength(1);
    await expect(engine.transition(caseId, 'new', { tenantId, actor: analyst })).rejects.toSatisfy(
      InvalidTransitionError.isInstance,
    );
    const reopened = await engine.transition(caseId, 'investigating', { tenantId, actor: analyst });
    expect(reopened.milestones).toEqual({ triagedAt: start + 2 * minute });
    const timeline = await store.getTimeline(tenantId, caseId);
    expect(timeline.filter((entry) => entry.type === 'status-changed').map((entry) => entry.data)).toEqual([
      { from: 'new', to: 'triaging' },
      { from: 'triaging', to: 'investigating', reason: 'IOC hit' },
      { from: 'investigating', to: 'resolved' },
      { from: 'resolved', to: 'investigating' },
    ]);
    const statusEvents = audit.events.filter((event) => event.type === 'status-changed');
    expect(statusEvents).toHaveLength(4);
    expect(statusEvents[1]).toMatchObject({ caseId, tenantId, actor: analyst, at: start + 2 * minute });
    expect(await store.getCase(tenantId, caseId)).toEqual(reopened);
  });

  it('throws NotFoundError for another tenant’s case', async () => {
    const { engine, caseId } = await oneCase();
    await expect(engine.transition(caseId, 'triaging', { tenantId: 'other', actor: analyst })).rejects.toSatisfy(
      NotFoundError.isInstance,
    );
  });

  it('sets verdict, assignee, severity and containment, each with a timeline entry and an audit event', async () => {
    const { engine, caseId, store, audit, clock } = await oneCase();
    await engine.setVerdict(caseId, { verdict: 'benign', confidence: 0.4 }, { tenantId, actor: analyst });
    const withVerdict = await engine.setVerdict(
      caseId,
      { verdict: 'true_positive', confidence: 0.9, rationale: 'credential phish confirmed' },
      { tenantId, actor: { type: 'agent', id: 'triage-agent' } },
    );
    expect(withVerdict.verdict).toEqual({
      value: 'true_positive',
      confidence: 0.9,
      rationale: 'credential phish confirmed',
      decidedBy: { type: 'agent', id: 'triage-agent' },
      at: clock.now(),
    });
    await expect(
      engine.setVerdict(caseId, { verdict: 'benign', confidence: 2 }, { tenantId, actor: analyst }),
    ).rejects.toSatisfy(ValidationError.isInstance);
    await engine.assign(caseId, 'dana', { tenantId, actor: analyst });
    const unchanged = await engine.assign(caseId, 'dana', { tenantId, actor: analyst });
    expect(unchanged.version).toBe(4);
    await engine.setSeverity(caseId, 5, { tenantId, actor: analyst, reason: 'VIP user' });
    const contained = await engine.markContained(caseId, { tenantId, actor: analyst, reason: 'host isolated' });
    expect(contained.milestones.containedAt).toBe(clock.now());
    clock.advance(minute);
    const again = await engine.markContained(caseId, { tenantId, actor: analyst });
    expect(again.milestones.containedAt).toBe(contained.milestones.containedAt);
    const timeline = await store.getTimeline(tenantId, caseId);
    expect(timeline.map((entry) => entry.type)).toEqual([
      'alert-added',
      'verdict-set',
      'verdict-set',
      'assignee-changed',
      'severity-changed',
      'case-contained',
    ]);
    expect(timeline[2]!.data).toEqual({
      verdict: 'true_positive',
      confidence: 0.9,
      rationale: 'credential phish confirmed',
      previous: 'benign',
    });
    expect(audit.events.slice(2).map((event) => event.type)).toEqual([
      'verdict-set',
      'verdict-set',
      'assignee-changed',
      'severity-changed',
      'case-contained',
    ]);
  });

  it('appends agent entries (tool calls, reasoning, approvals ...) with JSON-only audit events', async () => {
    const { engine, caseId, store, audit } = await oneCase();
    const agent = { type: 'agent', id: 'investigator' } as const;
    const call = await engine.addTimelineEntry(
      caseId,
      {
        type: 'tool-call',
        data: {
          tool: 'okta.suspendUser',
          risk: 'contain',
          input: { userId: '00u1', when: new Date(0), skip: undefined, count: 10n },
          status: 'executed',
          durationMs: 120,
        },
      },
      { tenantId, actor: agent },
    );
    await engine.addTimelineEntry(
      caseId,
      { type: 'reasoning', data: { summary: 'Impossible travel.' } },
      { tenantId, actor: agent },
    );
    expect((await store.getTimeline(tenantId, caseId)).map((entry) => entry.id)).toContain(call.id);
    const toolEvent = audit.events.find((event) => event.type === 'tool-called');
    expect(toolEvent?.data).toMatchObject({
      entryId: call.id,
      input: { userId: '00u1', when: '1970-01-01T00:00:00.000Z', count: '10' },
    });
    expect(AuditEvent.safeParse(toolEvent).success).toBe(true);
    await expect(
      engine.addTimelineEntry(caseId, { type: 'status-changed', data: { from: 'new', to: 'closed' } } as never, {
        tenantId,
        actor: agent,
      }),
    ).rejects.toSatisfy(ValidationError.isInstance);
    await expect(
      engine.addTimelineEntry(caseId, { type: 'reasoning', data: {} } as never, { tenantId, actor: agent }),
    ).rejects.toSatisfy(ValidationError.isInstance);
  });
});

describe('case engine: merge and move', () => {
  async function twoCases() {
    const context = setup();
    const result = await context.engine.ingest(
      [
        alertInput('a1', { entities: ['user:jane'], severityId: 2 }),
        alertInput('a2', { entities: ['user:jane', 'host:ws-7'], severityId: 3, time: baseTime + minute }),
        alertInput('b1', { entities: ['ip:203.0.113.7'], severityId: 5, time: baseTime + 2 * minute }),
      ],
      { tenantId },
    );
    const [a1, a2, b1] = result.alerts;
    return { ...context, a1: a1!, a2: a2!, b1: b1!, caseA: a1!.caseId, caseB: b1!.caseId };
  }

  it('merges: alerts and entities move, the absorbed case closes with mergedInto, both timelines say so', async () => {
    const { engine, store, audit, caseA, caseB, a1, a2, b1 } = await twoCases();
    const { into, from } = await engine.mergeCases(caseA, caseB, { tenantId, actor: analyst });
    expect(into.alertIds).toEqual([a1.alertId, a2.alertId, b1.alertId]);
    expect(into.entities).toEqual(['host:ws-7', 'ip:203.0.113.7', 'user:jane']);
    expect(into.severityId).toBe(5);
    expect(from).toMatchObject({ status: 'closed', mergedInto: caseA, alertIds: [], entities: [] });
    for (const caseId of [caseA, caseB]) {
      const merged = (await store.getTimeline(tenantId, caseId)).find((entry) => entry.type === 'case-merged');
      expect(merged?.data).toEqual({ intoCaseId: caseA, fromCaseId: caseB, alertIds: [b1.alertId] });
    }
    expect(audit.events.filter((event) => event.type === 'case-merged').map((event) => event.caseId)).toEqual([
      caseA,
      caseB,
    ]);
    // The merged case's index rows now point at the surviving case.
    const later = await engine.ingest(
      [alertInput('c1', { entities: ['ip:203.0.113.7'], time: baseTime + 5 * minute })],
      {
        tenantId,
      },
    );
    expect(later.alerts[0]!.caseId).toBe(caseA);
    await expect(engine.mergeCases(caseA, caseB, { tenantId, actor: analyst })).rejects.toSatisfy(
      CaseClosedError.isInstance,
    );
    await expect(engine.mergeCases(caseA, caseA, { tenantId, actor: analyst })).rejects.toSatisfy(
      ValidationError.isInstance,
    );
  });

  it('moves alerts: both timelines record it, severities and entity sets are recomputed', async () => {
    const { engine, store, caseA, caseB, a1, a2, b1 } = await twoCases();
    const { to, from } = await engine.moveAlerts([a2.alertId], caseB, { tenantId, actor: analyst });
    expect(to.alertIds).toEqual([a2.alertId, b1.alertId]);
    expect(to.entities).toEqual(['host:ws-7', 'ip:203.0.113.7', 'user:jane']);
    expect(from).toHaveLength(1);
    expect(from[0]).toMatchObject({ id: caseA, alertIds: [a1.alertId], entities: ['user:jane'], severityId: 2 });
    expect(from[0]!.lastAlertAt).toBe(baseTime);
    const moved = { alertId: a2.alertId, fromCaseId: caseA, toCaseId: caseB };
    for (const caseId of [caseA, caseB]) {
      const entries = (await store.getTimeline(tenantId, caseId)).filter((entry) => entry.type === 'alert-moved');
      expect(entries.map((entry) => entry.data)).toEqual([moved]);
    }
    const severity = (await store.getTimeline(tenantId, caseA)).find((entry) => entry.type === 'severity-changed');
    expect(severity?.data).toEqual({ from: 3, to: 2, reason: 'alert-moved' });
    // host:ws-7 left case A: a new alert on it now joins case B.
    const later = await engine.ingest([alertInput('c1', { entities: ['host:ws-7'], time: baseTime + 5 * minute })], {
      tenantId,
    });
    expect(later.alerts[0]!.caseId).toBe(caseB);
  });

  it('closes a case whose last alert moves away', async () => {
    const { engine, caseA, caseB, b1 } = await twoCases();
    const { from } = await engine.moveAlerts([b1.alertId], caseA, { tenantId, actor: analyst });
    expect(from[0]).toMatchObject({ id: caseB, status: 'closed', alertIds: [], entities: [] });
    await expect(engine.moveAlerts([b1.alertId], caseB, { tenantId, actor: analyst })).rejects.toSatisfy(
      CaseClosedError.isInstance,
    );
    await expect(engine.moveAlerts(['alert_missing'], caseA, { tenantId, actor: analyst })).rejects.toSatisfy(
      NotFoundError.isInstance,
    );
  });
});

describe('case engine: audit log', () => {
  it('appends every change to a real AuditLog, which accepts and verifies each event', async () => {
    const clock = new ManualClock(baseTime + 24 * hour);
    const log = await AuditLog.open(new MemoryAuditStore(), { clock });
    const recording = new RecordingAuditSink();
    const audit = {
      appendMany: async (events: readonly AuditEvent[]) => {
        await recording.appendMany(events);
        return log.appendMany(events);
      },
    };
    const { engine } = setup({ audit, clock });
    const result = await engine.ingest(
      [
        alertInput('a1', { entities: ['user:jane'] }),
        alertInput('a1', { entities: ['user:jane'] }),
        alertInput('b1', { entities: ['ip:203.0.113.7'], severityId: 5 }),
      ],
      { tenantId },
    );
    const [a1, , b1] = result.alerts;
    await engine.transition(a1!.caseId, 'triaging', { tenantId, actor: analyst, reason: 'queue' });
    await engine.addTimelineEntry(
      a1!.caseId,
      { type: 'tool-call', data: { tool: 'okta.getUser', risk: 'read', input: { id: undefined }, status: 'executed' } },
      { tenantId, actor: { type: 'agent', id: 'triage' } },
    );
    await engine.mergeCases(a1!.caseId, b1!.caseId, { tenantId, actor: analyst });
    expect(await log.size()).toBe(recording.events.length);
    expect((await log.verify()).ok).toBe(true);
    expect(new Set(recording.events.map((event) => event.type))).toEqual(
      new Set([
        'case-created',
        'alert-added',
        'alert-duplicated',
        'status-changed',
        'tool-called',
        'case-merged',
        'severity-changed',
      ]),
    );
  });
});
