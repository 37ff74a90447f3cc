import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleBasedReasoner } from '@rampart/agents';
import { AuditLog } from '@rampart/core';
import { QueueEvents } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropQueueFamily, redisConnection, requireRedis, uniqueQueueName } from '../test/support/redis.js';
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
  });

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
});
