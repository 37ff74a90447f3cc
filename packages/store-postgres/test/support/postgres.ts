import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { PostgresDatabase } from '../../src/postgres-database.js';
import { migratePostgres } from '../../src/postgres-stores.js';

export const postgresUrl = process.env.RAMPART_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether the PostgreSQL the tests need is up. Locally a missing server skips those tests with the reason
 * printed; under CI (env `CI` set) it is a failure, so the tests can never silently stop running there.
 */
export async function probePostgres(): Promise<{ available: true } | { available: false; reason: string }> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { available: true };
  } catch (error) {
    return { available: false, reason: `PostgreSQL at ${postgresUrl} is not reachable (${(error as Error).message})` };
  } finally {
    await client.end().catch(() => {});
  }
}

const probe = await probePostgres();

/** `describe` that runs against the real server, skips with a printed reason when it is absent, fails under CI. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (!probe.available) {
    if (process.env.CI) {
      describe(name, () => {
        it('needs PostgreSQL under CI', () => {
          throw new Error(
            `${probe.reason}; CI must run the PostgreSQL tests (start it or set RAMPART_TEST_POSTGRES_URL)`,
          );
        });
      });
      return;
    }
    console.warn(`[store-postgres] skipping "${name}": ${probe.reason}`);
  }
  describe.skipIf(!probe.available)(name, body);
}

/**
 * Fresh schemas for one test file, all named `rampart_test_<run>_<n>`, dropped by `dropAll`. Every store the
 * suites ask for gets its own schema, so "a new, empty store" is literally one; the pool is shared.
 */
export class TestSchemas {
  readonly pool = new pg.Pool({ connectionString: postgresUrl, max: 8 });
  private readonly run = randomBytes(4).toString('hex');
  private readonly created: string[] = [];
  private readonly others: PostgresDatabase[] = [];

  constructor() {
    this.pool.on('error', () => {});
  }

  nextName(): string {
    const name = `rampart_test_${this.run}_${this.created.length + 1}`;
    this.created.push(name);
    return name;
  }

  /** A migrated, empty schema on the shared pool. */
  async database(): Promise<PostgresDatabase> {
    const database = new PostgresDatabase({ pool: this.pool, schema: this.nextName() });
    await migratePostgres(database);
    return database;
  }

  /** The same schema on a pool of its own: separate connections, as another worker process would have. */
  secondConnection(database: PostgresDatabase): PostgresDatabase {
    const other = new PostgresDatabase({
      connectionString: postgresUrl,
      schema: database.names.schemaName,
      maxConnections: 4,
    });
    this.others.push(other);
    return other;
  }

  async dropAll(): Promise<void> {
    for (const other of this.others) await other.close();
    for (const schema of this.created) await this.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await this.pool.end();
  }
}
