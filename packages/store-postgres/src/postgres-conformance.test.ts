import {
  auditStoreConformance,
  caseStoreConformance,
  graphStoreConformance,
  runStoreConformance,
} from '@rampart/core/testing';
import { afterAll, it } from 'vitest';
import { describeWithPostgres, TestSchemas } from '../test/support/postgres.js';
import { PostgresAuditStore } from './postgres-audit-store.js';
import { PostgresCaseStore } from './postgres-case-store.js';
import { PostgresGraphStore } from './postgres-graph-store.js';
import { PostgresRunStore } from './postgres-run-store.js';

describeWithPostgres('PostgreSQL stores pass the core conformance suites', () => {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());

  for (const check of caseStoreConformance(async () => new PostgresCaseStore(await schemas.database()))) {
    it(check.name, check.run);
  }
  for (const check of runStoreConformance(async () => new PostgresRunStore(await schemas.database()))) {
    it(check.name, check.run);
  }
  for (const check of graphStoreConformance(async () => new PostgresGraphStore(await schemas.database()))) {
    it(check.name, check.run);
  }
  for (const check of auditStoreConformance(
    async () => new PostgresAuditStore(await schemas.database(), 'tenant-a'),
    // A reopen is a new store object on a new pool over the same schema: nothing may live only in memory.
    { reopen: async (store) => new PostgresAuditStore((store as PostgresAuditStore).database, 'tenant-a') },
  )) {
    it(check.name, check.run);
  }
});
