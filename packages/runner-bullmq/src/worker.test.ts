import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleBasedReasoner } from '@rampart/agents';
import { AuditLog, ValidationError } from '@rampart/core';
import { QueueEvents } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropQueueFamily, redisConnection, requireRedis, uniqueQueueName } from '../test/support/redis.js';
import { BackpressureError, type TenantIsolationError } from './errors.js';
import type { RunnerJobResult } from './job-data.js';
import { createProducer, type RunnerProducer } from './producer.js';
import { createFleet } from './testing/fleet.js';
import { type ContainmentCall, type SandboxTenants, sandboxTenants } from './testing/sandbox-tenants.js';
import { type RunnerWorker, startWorker } from './worker.js';

const available = await requireRedis('the BullMQ runner');

describe.skipIf(!available)('the BullMQ runner', () => {
  const directory = mkdtempSync(join(tmpdir(), 'rampart-runner-'));
  const fleet = createFleet({ tenants: 2, hostsPerTenant: 4, alertsPerHost: 2, criticalPerTenant: 1 });
  const containments: ContainmentCall[] = [];
  let simulated: SandboxTenants;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(() => {
    simulated = sandboxTenants({ fleet, directory, onContainment: (call) => containments.push(call) });
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  afterAll(async () => {
    await simulated.close();
    rmSync(directory, { recursive: true, force: true });
  });

  function setUp(label: string, options: { workers?: number; maxQueued?: number } = {}) {
    const queueName = uniqueQueueName(label);
    const producer = createProducer({
      connection: redisConnection,
      queueName,
      maxQueued: options.maxQueued ?? 1_000,
      backoffMs: 50,
    });
    const workers: RunnerWorker[] = [];
    for (let index = 0; index < (options.workers ?? 1); index++) {
      workers.push(
        startWorker({
          connection: redisConnection,
          queueName,
          name: `worker-${index}`,
          soc: { model: ruleBasedReasoner() },
          tenants: simulated.tenants,
          lockDurationMs: 5_000,
        }),
      );
    }
    const events = new QueueEvents(`${queueName}-work`, { connection: redisConnection });
    cleanup.push(async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await events.close();
      await producer.close();
      await dropQueueFamily(queueName);
    });
    return { producer, workers, events, queueName };
  }

  async function results(producer: RunnerProducer, jobIds: readonly string[], events: QueueEvents) {
    return Promise.all(
      jobIds.map(async (jobId) => {
        const job = await producer.queue.getJob(jobId);
        return (await job!.waitUntilFinished(events, 60_000)) as RunnerJobResult;
      }),
    );
  }

  it('works every alert of two tenants across two workers: one case per host, each host contained once', async () => {
    const { producer, events } = setUp('end-to-end', { workers: 2 });
    const jobIds = [];
    for (const { alert, tenantId } of fleet.alerts)
      jobIds.push((await producer.enqueueAlert(alert, { tenantId })).jobId);
    const finished = await results(producer, jobIds, events);
    const byHost = new Map<string, Set<string>>();
    fleet.alerts.forEach((alert, index) => {
      const cases = byHost.get(`${alert.tenantId}/${alert.hostname}`) ?? new Set();
      cases.add(finished[index]!.caseId);
      byHost.set(`${alert.tenantId}/${alert.hostname}`, cases);
    });
    expect([...byHost.values()].every((cases) => cases.size === 1)).toBe(true);
    expect(new Set(finished.map((result) => result.worker)).size).toBeGreaterThan(0);
    const contained = containments.flatMap((call) => call.deviceIds);
    const workstations = fleet.hosts.filter((host) => !host.critical);
    expect(contained).toHaveLength(workstations.length);
    expect(new Set(contained).size).toBe(workstations.length);
    // Critical servers wait for an analyst: the decision is a job too, resumed on whichever worker takes it.
    const paused = finished.filter((result) => result.status === 'paused' && result.pendingApprovalIds.length > 0);
    const critical = fleet.hosts.filter((host) => host.critical);
    expect(new Set(paused.map((result) => result.caseId)).size).toBe(critical.length);
    const approvals = new Map(paused.map((result) => [result.pendingApprovalIds[0]!, result.tenantId]));
    const decisionJobs: string[] = [];
    for (const [approvalId, tenantId] of approvals) {
      const { jobId } = await producer.decide(approvalId, {
        tenantId,
        approved: true,
        by: 'dana',
        roles: ['soc-lead'],
      });
      decisionJobs.push(jobId);
      // A second click on "approve" is the same job, not a second decision.
      expect(
        (await producer.decide(approvalId, { tenantId, approved: true, by: 'dana', roles: ['soc-lead'] })).jobId,
      ).toBe(jobId);
    }
    const decided = await results(producer, decisionJobs, events);
    expect(decided.map((result) => result.status)).toEqual(decided.map(() => 'completed'));
    const allContained = containments.flatMap((call) => call.deviceIds);
    expect(allContained).toHaveLength(fleet.hosts.length);
    expect(new Set(allContained).size).toBe(fleet.hosts.length);
    // Every tenant's audit log verifies, written by two workers.
    for (const tenantId of fleet.tenantIds) {
      const environment = await simulated.tenants(tenantId);
      const audit = await AuditLog.open(environment.stores.audit);
      expect((await audit.verify()).ok).toBe(true);
      await environment.close?.();
    }
    expect(await producer.deadLetters()).toEqual([]);
  }, 120_000);

  it('takes the most severe alert first', async () => {
    const queueName = uniqueQueueName('priority');
    const producer = createProducer({ connection: redisConnection, queueName });
    cleanup.push(async () => {
      await producer.close();
      await dropQueueFamily(queueName);
    });
    // A tenant of its own (the sandbox answers for any tenant), with one alert of each severity.
    const tenantId = 'priority';
    const severityOf = new Map<string, number>();
    for (const { alert } of fleet.alerts.filter((each) => each.tenantId === 'tenant-01' && !each.critical)) {
      const { jobId } = await producer.enqueueAlert(alert, { tenantId });
      severityOf.set(jobId, alert.severity_id);
    }
    const seen: number[] = [];
    const worker = startWorker({
      connection: redisConnection,
      queueName,
      concurrency: 1,
      soc: { model: ruleBasedReasoner() },
      tenants: simulated.tenants,
    });
    worker.worker.on('completed', (job) => seen.push(severityOf.get(String(job.id))!));
    cleanup.push(() => worker.close());
    const expected = severityOf.size;
    await expect.poll(() => seen.length, { timeout: 30_000 }).toBe(expected);
    expect(new Set(seen).size).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('tells producers to slow down when the queue is full, and takes alerts again once workers drain it', async () => {
    const queueName = uniqueQueueName('backpressure');
    const producer = createProducer({ connection: redisConnection, queueName, maxQueued: 2, maxWaitMs: 300 });
    cleanup.push(async () => {
      await producer.close();
      await dropQueueFamily(queueName);
    });
    const [first, second, third] = fleet.alerts.filter((alert) => alert.tenantId === 'tenant-02');
    expect(await producer.offerAlert(first!.alert, { tenantId: 'backpressure' })).toMatchObject({ accepted: true });
    expect(await producer.offerAlert(second!.alert, { tenantId: 'backpressure' })).toMatchObject({ accepted: true });
    const refused = await producer.offerAlert(third!.alert, { tenantId: 'backpressure' });
    expect(refused).toMatchObject({ accepted: false, queued: 2, limit: 2 });
    expect(refused.accepted === false && refused.retryAfterMs).toBeGreaterThan(0);
    await expect(producer.enqueueAlert(third!.alert, { tenantId: 'backpressure' })).rejects.toThrow(BackpressureError);
    expect((await producer.counts()).queued).toBe(2);
    const worker = startWorker({
      connection: redisConnection,
      queueName,
      soc: { model: ruleBasedReasoner() },
      tenants: simulated.tenants,
    });
    cleanup.push(() => worker.close());
    await expect.poll(async () => (await producer.counts()).queued, { timeout: 30_000 }).toBe(0);
    expect(await producer.offerAlert(third!.alert, { tenantId: 'backpressure' })).toMatchObject({ accepted: true });
  });

  it('retries with backoff, then keeps what failed for good in the dead-letter queue with its reason', async () => {
    const queueName = uniqueQueueName('dead-letter');
    const producer = createProducer({ connection: redisConnection, queueName, attempts: 3, backoffMs: 20 });
    const tries = new Map<string, number>();
    const worker = startWorker({
      connection: redisConnection,
      queueName,
      soc: { model: ruleBasedReasoner() },
      // Tenant "flaky" fails twice, then works; tenant "down" never does.
      tenants: (tenantId) => {
        const attempt = (tries.get(tenantId) ?? 0) + 1;
        tries.set(tenantId, attempt);
        if (tenantId === 'down' || (tenantId === 'flaky' && attempt <= 2))
          throw new Error(`the stores of ${tenantId} are unreachable`);
        return simulated.tenants(tenantId);
      },
    });
    cleanup.push(async () => {
      await worker.close();
      await producer.close();
      await dropQueueFamily(queueName);
    });
    const [one, two] = fleet.alerts.filter((alert) => alert.tenantId === 'tenant-01');
    const flaky = await producer.enqueueAlert(one!.alert, { tenantId: 'flaky' });
    const down = await producer.enqueueAlert(two!.alert, { tenantId: 'down' });
    // Not even an alert: refused by the producer, and by the worker if it reaches the queue anyway.
    await expect(producer.enqueueAlert({ hello: 'world' }, { tenantId: 'flaky' })).rejects.toThrow(ValidationError);
    await producer.queue.add(
      'alert',
      { kind: 'alert', tenantId: 'tenant-01', alert: { hello: 'world' }, enqueuedAt: 0 },
      { jobId: 'forged', attempts: 3 },
    );
    await expect.poll(async () => (await producer.deadLetters()).length, { timeout: 30_000 }).toBe(2);
    const letters = await producer.deadLetters();
    expect(letters.find((letter) => letter.jobId === down.jobId)).toMatchObject({
      reason: 'the stores of down are unreachable',
      attempts: 3,
    });
    // Bad input is not retried: it fails for good on its first attempt.
    expect(letters.find((letter) => letter.jobId === 'forged')).toMatchObject({
      errorName: 'ValidationError',
      attempts: 1,
    });
    await expect
      .poll(async () => (await producer.queue.getJob(flaky.jobId))?.finishedOn, { timeout: 30_000 })
      .toBeDefined();
    const finished = await producer.queue.getJob(flaky.jobId);
    // Two failed attempts, then the one that worked.
    expect(finished!.attemptsMade).toBe(3);
    expect(finished!.returnvalue).toMatchObject({ tenantId: 'flaky', status: 'completed' });
  });

  it("refuses to run a job on another tenant's environment, and counts the crossing", async () => {
    const queueName = uniqueQueueName('isolation');
    const producer = createProducer({ connection: redisConnection, queueName, backoffMs: 20 });
    const crossings: TenantIsolationError[] = [];
    const worker = startWorker({
      connection: redisConnection,
      queueName,
      soc: { model: ruleBasedReasoner() },
      // A factory with a bug: every tenant gets tenant-01's stores and credentials.
      tenants: () => simulated.tenants('tenant-01'),
      onIsolationViolation: (error) => crossings.push(error),
    });
    cleanup.push(async () => {
      await worker.close();
      await producer.close();
      await dropQueueFamily(queueName);
    });
    const { jobId } = await producer.enqueueAlert(fleet.alerts[0]!.alert, { tenantId: 'tenant-02' });
    await expect.poll(async () => (await producer.deadLetters()).length, { timeout: 30_000 }).toBe(1);
    expect((await producer.deadLetters())[0]).toMatchObject({ jobId, errorName: 'TenantIsolationError' });
    expect(crossings.map((error) => [error.jobTenantId, error.touchedTenantId])).toEqual([['tenant-02', 'tenant-01']]);
    expect(worker.isolationViolations()).toBe(1);
  });

  it('keeps at most maxTenantsOpen tenant environments, closing the least recently used', async () => {
    const queueName = uniqueQueueName('tenants-open');
    const producer = createProducer({ connection: redisConnection, queueName });
    const closed: string[] = [];
    const worker = startWorker({
      connection: redisConnection,
      queueName,
      concurrency: 1,
      maxTenantsOpen: 1,
      soc: { model: ruleBasedReasoner() },
      tenants: async (tenantId) => {
        const environment = await simulated.tenants(tenantId);
        return {
          ...environment,
          close: async () => {
            closed.push(tenantId);
            await environment.close?.();
          },
        };
      },
    });
    cleanup.push(async () => {
      await worker.close();
      await producer.close();
      await dropQueueFamily(queueName);
    });
    const [first, second] = fleet.alerts.filter((alert) => alert.tenantId === 'tenant-02');
    await producer.enqueueAlert(first!.alert, { tenantId: 'open-a' });
    await expect
      .poll(async () => (await producer.queue.getJobCounts('completed')).completed, { timeout: 30_000 })
      .toBe(1);
    expect(closed).toEqual([]);
    await producer.enqueueAlert(second!.alert, { tenantId: 'open-b' });
    await expect.poll(() => closed, { timeout: 30_000 }).toEqual(['open-a']);
  });
});
