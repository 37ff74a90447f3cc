import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleBasedReasoner } from '@rampart/agents';
import { AuditLog, fileSecretsProvider, secretsForTenant } from '@rampart/core';
import { createProducer, type RunnerProducer, type RunnerWorker, startWorker } from '@rampart/runner-bullmq';
import { createFleet, type Fleet, sandboxTenants } from '@rampart/runner-bullmq/testing';
import { migratePostgres, postgresStores } from '@rampart/store-postgres';
import { redisConnection, type Settings } from './settings.js';

/**
 * The demo's customers: each has its own workstations and one critical server, whose containment waits for an
 * analyst. Every host raises a Falcon detection, delivered twice (the vendor resends it), as a live feed would.
 */
export function demoFleet(settings: Settings): Fleet {
  return createFleet({
    tenants: settings.tenants,
    hostsPerTenant: settings.hostsPerTenant,
    alertsPerHost: 2,
    criticalPerTenant: 1,
  });
}

/** The credential fields of each connector the demo tenants use. */
const credentialFields: Record<string, readonly string[]> = {
  'crowdstrike-falcon': ['clientId', 'clientSecret'],
  okta: ['token'],
  virustotal: ['key'],
  abuseipdb: ['key'],
  'jira-cloud': ['username', 'password'],
  slack: ['token'],
  pagerduty: ['key'],
};

/**
 * Step 1: the schema in PostgreSQL (row-level security included) and one secrets file per tenant, mode 600, in
 * a folder only this user may write. A real deployment writes these files (or a vault) from its own records.
 */
export async function setUp(settings: Settings): Promise<string[]> {
  const applied = await migratePostgres({ connectionString: settings.databaseUrl, schema: settings.schema });
  mkdirSync(settings.secretsDirectory, { recursive: true, mode: 0o700 });
  chmodSync(settings.secretsDirectory, 0o700);
  for (const tenantId of demoFleet(settings).tenantIds) {
    const connectors = Object.fromEntries(
      Object.entries(credentialFields).map(([connectorId, fields]) => [
        connectorId,
        Object.fromEntries(fields.map((field) => [field, `${connectorId}-${field}-of-${tenantId}`])),
      ]),
    );
    const path = join(settings.secretsDirectory, `${tenantId}.json`);
    writeFileSync(path, `${JSON.stringify({ tenant: tenantId, connectors }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return applied;
}

export interface DeploymentWorker {
  readonly worker: RunnerWorker;
  close(): Promise<void>;
}

/**
 * Step 2: one worker process (start as many as you like, on any machine that reaches Redis and PostgreSQL).
 * Each tenant's jobs get that tenant's stores (PostgreSQL, scoped by row-level security, its own audit log) and
 * connectors holding that tenant's credentials only. The vendors here are the sandbox's simulations; a real
 * deployment builds its connectors from the same secrets instead, e.g.
 * `createOktaConnector({ ..., credentials, tenantId, redis: { client } })`, where `redis` shares each tenant's
 * vendor quotas across every worker.
 */
export async function startDeploymentWorker(settings: Settings, name?: string): Promise<DeploymentWorker> {
  const stores = await postgresStores({
    connectionString: settings.databaseUrl,
    schema: settings.schema,
    migrate: false,
  });
  const secrets = fileSecretsProvider({ directory: settings.secretsDirectory });
  const simulated = sandboxTenants({
    fleet: demoFleet(settings),
    stores: (tenantId) => stores.forTenant(tenantId),
    credentials: async (tenantId, connectorId) => (await secretsForTenant(secrets, tenantId).get(connectorId)).reveal(),
  });
  const worker = startWorker({
    connection: redisConnection(settings),
    queueName: settings.queue,
    concurrency: settings.concurrency,
    ...(name !== undefined && { name }),
    soc: { model: ruleBasedReasoner() },
    tenants: simulated.tenants,
  });
  return {
    worker,
    async close() {
      await worker.close();
      await simulated.close();
      await stores.close();
    },
  };
}

export function producerFor(settings: Settings): RunnerProducer {
  return createProducer({ connection: redisConnection(settings), queueName: settings.queue, maxQueued: 1_000 });
}

/** Step 3: the alert feed. Tenants' alerts arrive interleaved; the producer waits when the queue is full. */
export async function ingest(settings: Settings, producer: RunnerProducer): Promise<number> {
  const fleet = demoFleet(settings);
  const byTenant = fleet.tenantIds.map((tenantId) => fleet.alerts.filter((alert) => alert.tenantId === tenantId));
  const rounds = Math.max(...byTenant.map((alerts) => alerts.length));
  let count = 0;
  for (let round = 0; round < rounds; round++) {
    for (const alerts of byTenant) {
      const next = alerts[round];
      if (next === undefined) continue;
      await producer.enqueueAlert(next.alert, { tenantId: next.tenantId });
      count++;
    }
  }
  return count;
}

/** Step 4: an analyst decides what waits for approval; whichever worker takes a decision resumes the run. */
export async function approvePending(
  settings: Settings,
  producer: RunnerProducer,
  analyst: { by: string; roles: readonly string[] },
): Promise<{ tenantId: string; approvalId: string; tool: string }[]> {
  const stores = await postgresStores({
    connectionString: settings.databaseUrl,
    schema: settings.schema,
    migrate: false,
  });
  try {
    const decided = [];
    for (const tenantId of demoFleet(settings).tenantIds) {
      for (const run of await stores.runs.listRuns(tenantId, { status: 'paused' })) {
        if (run.pending === null) continue;
        await producer.decide(run.pending.approvalId, { tenantId, approved: true, ...analyst });
        decided.push({ tenantId, approvalId: run.pending.approvalId, tool: run.pending.tool });
      }
    }
    return decided;
  } finally {
    await stores.close();
  }
}

export interface TenantStatus {
  tenantId: string;
  cases: Record<string, number>;
  pendingApprovals: number;
  auditLeaves: number;
  auditVerified: boolean;
}

/** Step 5: where everything stands: the queue, the dead letters, and each tenant's cases and audit log. */
export async function deploymentStatus(settings: Settings, producer: RunnerProducer) {
  const stores = await postgresStores({
    connectionString: settings.databaseUrl,
    schema: settings.schema,
    migrate: false,
  });
  try {
    const tenants: TenantStatus[] = [];
    for (const tenantId of demoFleet(settings).tenantIds) {
      const cases: Record<string, number> = {};
      let cursor: string | null = null;
      do {
        const page = await stores.cases.listCases(tenantId, { limit: 1_000, cursor });
        for (const each of page.cases) cases[each.status] = (cases[each.status] ?? 0) + 1;
        cursor = page.nextCursor;
      } while (cursor !== null);
      const audit = await AuditLog.open(stores.auditFor(tenantId));
      const verified = await audit.verify();
      tenants.push({
        tenantId,
        cases,
        pendingApprovals: (await stores.runs.listRuns(tenantId, { status: 'paused' })).length,
        auditLeaves: verified.ok ? verified.size : 0,
        auditVerified: verified.ok,
      });
    }
    return { queue: await producer.counts(), deadLetters: await producer.deadLetters(), tenants };
  } finally {
    await stores.close();
  }
}
