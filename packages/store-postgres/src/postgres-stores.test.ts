import { type AlertInput, createCaseEngine, ManualClock, sequentialIds } from '@rampart/core';
import { afterAll, expect, it } from 'vitest';
import { describeWithPostgres, postgresUrl, TestSchemas } from '../test/support/postgres.js';
import { applyMigrations } from './migrations.js';
import { PostgresAuditStore } from './postgres-audit-store.js';
import { PostgresDatabase } from './postgres-database.js';
import { PostgresConfigurationError, PostgresQueryError, TenantScopeError } from './postgres-errors.js';
import { migratePostgres, postgresMigrations, postgresStores } from './postgres-stores.js';

const everyComponent = ['cases@1', 'audit@1', 'runs@1', 'graph@1'];

const alert: AlertInput = {
  class_uid: 2004,
  category_uid: 2,
  severity_id: 3,
  time: Date.UTC(2026, 10, 27),
  finding_info: { uid: 'f-1', title: 'Finding' },
  observables: [{ name: 'observable', type_id: 4, value: 'jane' }],
  metadata: { product: { vendor_name: 'Fixture', name: 'Detections' }, uid: 'f-1' },
};

describeWithPostgres('postgresStores and migrations', () => {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());

  it('applies every migration once; a second run applies nothing', async () => {
    const database = new PostgresDatabase({ pool: schemas.pool, schema: schemas.nextName() });
    expect(await migratePostgres(database)).toEqual(everyComponent);
    expect(await migratePostgres(database)).toEqual([]);
  });

  it('lets processes starting at once migrate one schema: one applies, the others find it done', async () => {
    const schema = schemas.nextName();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => migratePostgres({ connectionString: postgresUrl, schema, maxConnections: 1 })),
    );
    expect(results.filter((applied) => applied.length > 0)).toEqual([everyComponent]);
  });

  it('rolls back the whole run when one migration fails, leaving no half-built schema', async () => {
    const database = new PostgresDatabase({ pool: schemas.pool, schema: schemas.nextName() });
    const broken = {
      component: 'broken',
      migrations: [{ version: 1, description: 'fails', up: () => 'CREATE TABLE half_built (a int); SELEC 1' }],
    };
    await expect(applyMigrations(database, [...postgresMigrations, broken])).rejects.toThrow(/syntax error/);
    const [found] = await database.asOwner((session) =>
      session.query<{ tables: string }>('SELECT count(*) AS tables FROM pg_tables WHERE schemaname = $1', [
        database.names.schemaName,
      ]),
    );
    expect(Number(found?.tables)).toBe(0);
    expect(await migratePostgres(database)).toEqual(everyComponent);
  });

  it('serves one tenant’s stores for createSoc and closes its pool', async () => {
    const stores = await postgresStores({ connectionString: postgresUrl, schema: schemas.nextName() });
    const acme = stores.forTenant('acme');
    const engine = createCaseEngine({
      store: acme.cases,
      clock: new ManualClock(),
      ids: sequentialIds(),
      correlationWindowMs: 60_000,
    });
    const result = await engine.ingest([alert], { tenantId: 'acme' });
    expect((await acme.cases.getCase('acme', result.alerts[0]!.caseId))?.alertIds).toHaveLength(1);
    expect(acme.audit).toBe(stores.auditFor('acme'));
    expect(await acme.audit.size()).toBe(0);
    await stores.close();
    await expect(acme.cases.getCase('acme', result.alerts[0]!.caseId)).rejects.toThrow();
  });

  it('turns a refused statement into a PostgresQueryError naming tenant and statement; the connection stays usable', async () => {
    const schema = schemas.nextName();
    await migratePostgres({ connectionString: postgresUrl, schema });
    // One connection only: the failed transaction must have been rolled back before the next one can work.
    const database = new PostgresDatabase({ connectionString: postgresUrl, schema, maxConnections: 1 });
    try {
      const store = new PostgresAuditStore(database, 'acme');
      const leaf = (index: number) => ({
        index,
        canonical: '{}',
        leafHash: 'a'.repeat(64),
        positionHash: 'b'.repeat(64),
      });
      const node = { level: 1, index: 0, hash: 'c'.repeat(64) };
      await store.append({ firstIndex: 0, leaves: [leaf(0), leaf(1)], subtreeHashes: [node] });
      const error = await store
        .append({ firstIndex: 2, leaves: [leaf(2), leaf(3)], subtreeHashes: [node] })
        .catch((caught: unknown) => caught);
      expect(PostgresQueryError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: '23505', fault: 'client' });
      expect(String(error)).toMatch(/tenant "acme".*INSERT INTO "rampart_test_\w+"\.audit_subtrees/);
      expect(await store.size()).toBe(2);
    } finally {
      await database.close();
    }
  });

  it('refuses names PostgreSQL would misread, a missing connection and an empty tenant', async () => {
    expect(() => new PostgresDatabase({ connectionString: postgresUrl, schema: 'Rampart; DROP' })).toThrow(
      PostgresConfigurationError,
    );
    expect(() => new PostgresDatabase({ connectionString: postgresUrl, applicationRole: 'app-role' })).toThrow(
      /applicationRole "app-role"/,
    );
    expect(() => new PostgresDatabase({})).toThrow(/connectionString or pool/);
    const database = new PostgresDatabase({ pool: schemas.pool, schema: schemas.nextName() });
    await expect(database.inTenant('', async () => 1)).rejects.toThrow(TenantScopeError);
  });
});
