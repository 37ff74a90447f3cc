import { hostname } from 'node:os';
import { ApprovalNotFoundError, createSoc, type Soc, type SocResult } from '@rampart/agents';
import { RampartError } from '@rampart/core';
import { DelayedError, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { recordDeadLetter } from './dead-letter.js';
import { RunnerConfigurationError, TenantIsolationError } from './errors.js';
import { RunnerJobData, type RunnerJobResult } from './job-data.js';
import { queueNames } from './queue-names.js';
import { bullConnection, type RunnerConnectionOptions } from './runner-connection.js';
import type { SharedSocOptions, TenantEnvironment, TenantEnvironmentFactory } from './tenant-environment.js';
import { guardTenantStores, type IsolationViolationHandler } from './tenant-guard.js';
import { TenantLanes } from './tenant-lane.js';

export interface RunnerWorkerOptions extends RunnerConnectionOptions {
  /** What every tenant's SOC shares: model, agents, policies, clock, ids (must be unique across workers). */
  soc: SharedSocOptions;
  /** Builds one tenant's stores, connectors and governance. */
  tenants: TenantEnvironmentFactory;
  /** Jobs this process works at once (each of a different tenant). Default 4. */
  concurrency?: number;
  /** Tenant environments kept open; the least recently used is closed beyond this. Default 100. */
  maxTenantsOpen?: number;
  /** How long a tenant's lane outlives a worker that stopped renewing it (`kill -9`). Default 15 s. */
  laneLeaseMs?: number;
  /**
   * A job whose tenant's lane is taken waits this long before it is tried again, doubling each time it finds the
   * lane taken again, up to 1 s. Default 50 ms.
   */
  laneRetryMs?: number;
  /** BullMQ's job lock: a job held longer by a silent worker is taken over by another. Default 30 s. */
  lockDurationMs?: number;
  /** How often BullMQ looks for jobs of workers that died. Default `lockDurationMs`. */
  stalledIntervalMs?: number;
  /** Names this worker in results and dead letters. Default `<hostname>:<pid>`. */
  name?: string;
  /** Called for each refused crossing of tenants (and the job then fails for good). */
  onIsolationViolation?: IsolationViolationHandler;
}

export interface RunnerWorker {
  readonly name: string;
  /** The BullMQ worker, for hosts that want its events. */
  readonly worker: Worker<RunnerJobData, RunnerJobResult>;
  /** Crossings of tenants this worker refused. */
  isolationViolations(): number;
  /** Finishes the jobs in hand, takes no more, closes every tenant environment. */
  close(): Promise<void>;
}

interface OpenTenant {
  environment: TenantEnvironment;
  soc: Soc;
  /** When the running job's alert was first written to the tenant's case store (one job per tenant at a time). */
  writes: { firstAt: number | undefined };
  /** Jobs of this worker using the environment right now. */
  inUse: number;
  /** Dropped from the cache while in use: closed when its last job ends. */
  closeWhenIdle: boolean;
}

function positiveWhole(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RunnerConfigurationError(`${name} must be a whole number of 1 or more, got ${value}`);
  }
  return value;
}

/**
 * Failures no retry can mend: bad input, a decider without the needed role, a run that cannot go on, a broken
 * setup, a crossing of tenants. They go to the dead-letter queue at once; everything else is retried.
 */
const permanentErrors = new Set([
  'ValidationError',
  'ApproverRoleError',
  'RunNotResumableError',
  'SocConfigurationError',
  'TenantIsolationError',
]);

function isPermanent(error: unknown): boolean {
  return error instanceof UnrecoverableError || (RampartError.isInstance(error) && permanentErrors.has(error.name));
}

/**
 * A worker process's share of the work: takes alert, decision and resumption jobs from the queue, each on the
 * job's own tenant's SOC, one job per tenant at a time across all workers (see `TenantLanes`). Retries with
 * exponential backoff; what fails for good goes to the dead-letter queue with its reason.
 */
export function startWorker(options: RunnerWorkerOptions): RunnerWorker {
  const names = queueNames(options.queueName);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const concurrency = positiveWhole('concurrency', options.concurrency ?? 4);
  const maxTenantsOpen = positiveWhole('maxTenantsOpen', options.maxTenantsOpen ?? 100);
  const laneLeaseMs = positiveWhole('laneLeaseMs', options.laneLeaseMs ?? 15_000);
  const laneRetryMs = positiveWhole('laneRetryMs', options.laneRetryMs ?? 50);
  const lockDurationMs = positiveWhole('lockDurationMs', options.lockDurationMs ?? 30_000);
  const connection = bullConnection(options.connection);
  const redis = new Redis(connection);
  redis.on('error', () => {});
  const lanes = new TenantLanes(redis, names.lanes, laneLeaseMs);
  const deadLetterQueue = new Queue(names.deadLetter, { connection });
  let violations = 0;
  const onViolation: IsolationViolationHandler = (error) => {
    violations += 1;
    options.onIsolationViolation?.(error);
  };

  const open = new Map<string, Promise<OpenTenant>>();
  async function tenantOf(tenantId: string): Promise<OpenTenant> {
    let opened = open.get(tenantId);
    if (opened === undefined) {
      opened = (async () => {
        const environment = await options.tenants(tenantId);
        if (environment.tenantId !== tenantId) {
          await environment.close?.();
          const error = new TenantIsolationError(tenantId, environment.tenantId, 'tenants(tenantId)');
          onViolation(error);
          throw error;
        }
        const writes: OpenTenant['writes'] = { firstAt: undefined };
        const guarded = guardTenantStores(tenantId, environment.stores, onViolation);
        const applyChanges = guarded.cases.applyChanges.bind(guarded.cases);
        guarded.cases = Object.assign(Object.create(guarded.cases), {
          applyChanges: async (changes: Parameters<typeof applyChanges>[0]) => {
            await applyChanges(changes);
            writes.firstAt ??= Date.now();
          },
        });
        const soc = createSoc({
          ...options.soc,
          stores: guarded,
          ...(environment.connectors !== undefined && { connectors: environment.connectors }),
          ...(environment.tools !== undefined && { tools: environment.tools }),
          ...(environment.governance !== undefined && { governance: environment.governance }),
        });
        return { environment, soc, writes, inUse: 0, closeWhenIdle: false };
      })();
      opened.catch(() => open.delete(tenantId));
      open.set(tenantId, opened);
      if (open.size > maxTenantsOpen) {
        const [oldest, dropped] = open.entries().next().value as [string, Promise<OpenTenant>];
        open.delete(oldest);
        dropped
          .then(async (tenant) => {
            if (tenant.inUse === 0) await tenant.environment.close?.();
            else tenant.closeWhenIdle = true;
          })
          .catch(() => {});
      }
    } else {
      // Most recently used last, so the first entry is the one to drop.
      open.delete(tenantId);
      open.set(tenantId, opened);
    }
    return opened;
  }

  async function work(data: RunnerJobData): Promise<RunnerJobResult> {
    const tenant = await tenantOf(data.tenantId);
    tenant.inUse += 1;
    try {
      return await workOn(tenant, data);
    } finally {
      tenant.inUse -= 1;
      if (tenant.closeWhenIdle && tenant.inUse === 0) await tenant.environment.close?.();
    }
  }

  async function workOn(tenant: OpenTenant, data: RunnerJobData): Promise<RunnerJobResult> {
    tenant.writes.firstAt = undefined;
    let result: SocResult;
    if (data.kind === 'alert') {
      result = await tenant.soc.handle(data.alert, { tenantId: data.tenantId });
    } else if (data.kind === 'decision') {
      // Built apart from the call: `roles` reaches SOCs that check approver roles and is ignored by others.
      const decision = {
        by: data.by,
        ...(data.roles !== undefined && { roles: data.roles }),
        ...(data.rationale !== undefined && { rationale: data.rationale }),
      };
      try {
        result = data.approved
          ? await tenant.soc.approve(data.approvalId, decision)
          : await tenant.soc.deny(data.approvalId, decision);
      } catch (error) {
        if (!ApprovalNotFoundError.isInstance(error)) throw error;
        // Decided by an earlier attempt of this job that died before it finished: go on with that run.
        const runs = await tenant.environment.stores.runs.listRuns(data.tenantId, {});
        const decided = runs.find((run) => run.decisions.some((each) => each.approvalId === data.approvalId));
        if (decided === undefined) throw error;
        result = await tenant.soc.resume(decided.id);
      }
    } else {
      result = await tenant.soc.resume(data.runId);
    }
    const now = Date.now();
    return {
      tenantId: data.tenantId,
      caseId: result.case.id,
      status: result.status,
      pendingApprovalIds: result.pendingApprovals.map((approval) => approval.approvalId),
      ...(data.kind === 'alert' && { alertToCaseMs: (tenant.writes.firstAt ?? now) - data.enqueuedAt }),
      totalMs: now - data.enqueuedAt,
      worker: name,
    };
  }

  const worker = new Worker<RunnerJobData, RunnerJobResult>(
    names.work,
    async (job, token) => {
      const parsed = RunnerJobData.safeParse(job.data);
      if (!parsed.success) {
        const error = new UnrecoverableError(`Job ${job.id} holds no valid runner job: ${parsed.error.message}`);
        await recordDeadLetter(deadLetterQueue, job, error, name);
        throw error;
      }
      const data = parsed.data;
      const lease = await lanes.acquire(data.tenantId);
      if (lease === null) {
        // Back off while the tenant's other job runs (a whole case, often seconds) instead of spinning on it.
        const bounces = Math.max(0, job.attemptsStarted - job.attemptsMade - 1);
        const delay = Math.min(1_000, laneRetryMs * 2 ** Math.min(bounces, 10));
        await job.moveToDelayed(Date.now() + delay, token);
        throw new DelayedError();
      }
      try {
        return await work(data);
      } catch (error) {
        const permanent = isPermanent(error);
        if (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          await recordDeadLetter(deadLetterQueue, job, error, name);
        }
        if (permanent && !(error instanceof UnrecoverableError)) {
          throw new UnrecoverableError(`${(error as Error).name}: ${(error as Error).message}`);
        }
        throw error;
      } finally {
        await lease.release();
      }
    },
    {
      connection,
      concurrency,
      lockDuration: lockDurationMs,
      stalledInterval: options.stalledIntervalMs ?? lockDurationMs,
      // A job whose worker died is put back a few times before it counts as failed; kill -9 is not a job fault.
      maxStalledCount: 5,
    },
  );
  worker.on('error', () => {});
  // A job failed by BullMQ itself (stalled too often) never passed through the processor's catch.
  worker.on('failed', (job, error) => {
    if (job !== undefined && error.message.includes('stalled')) {
      recordDeadLetter(deadLetterQueue, job, error, name).catch(() => {});
    }
  });

  return {
    name,
    worker,
    isolationViolations: () => violations,
    async close() {
      await worker.close();
      await Promise.all([...open.values()].map((opened) => opened.then((tenant) => tenant.environment.close?.())));
      open.clear();
      await deadLetterQueue.close();
      redis.disconnect();
    },
  };
}
