import { createHash } from 'node:crypto';
import pg from 'pg';
import { RampartError } from '@rampart/core';
import { PostgresConfigurationError, PostgresQueryError, TenantScopeError } from './postgres-errors.js';

export interface PostgresConnectionOptions {
  /** `postgres://user@host:5432/database`; ignored when `pool` is given. */
  connectionString?: string;
  /** A pool the host already has; it stays the host's to end. */
  pool?: pg.Pool;
  /** Schema holding Rampart's tables, created when missing. Default `rampart`. */
  schema?: string;
  /**
   * The role every store transaction switches to (`SET LOCAL ROLE`). It owns nothing and lacks BYPASSRLS, so
   * row-level security applies to it. Created (NOLOGIN) by the migrations when missing. Default `rampart_app`.
   */
  applicationRole?: string;
  /** Size of the pool this package opens. Default 10. */
  maxConnections?: number;
}

/** The names the migrations and queries are written against, already checked to be plain identifiers. */
export interface SchemaNames {
  /** Quoted schema, ready to prefix a table: `"rampart"`. */
  schema: string;
  /** Quoted application role. */
  role: string;
  /** The schema name unquoted, for catalog lookups and lock keys. */
  schemaName: string;
  roleName: string;
}

/** One transaction's connection: every query runs as a named prepared statement, parsed once per connection. */
export interface Session {
  query<Row>(text: string, values?: readonly unknown[]): Promise<Row[]>;
  /** Rows changed (or returned) by the statement. */
  execute(text: string, values?: readonly unknown[]): Promise<number>;
  /** Several statements without parameters, sent as one simple query (migrations). */
  script(text: string): Promise<void>;
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/** The custom setting row-level security policies compare `tenant_id` with. */
export const tenantSetting = 'rampart.tenant';

/**
 * A pool plus the schema and role the stores use. `inTenant` runs a body in one transaction scoped to one tenant:
 * the role switch and the tenant setting are both `LOCAL`, so they end with the transaction and a pooled
 * connection never carries one tenant's scope into the next caller's work.
 */
export class PostgresDatabase {
  readonly pool: pg.Pool;
  readonly names: SchemaNames;
  private readonly ownsPool: boolean;
  private readonly statementNames = new Map<string, string>();

  constructor(options: PostgresConnectionOptions) {
    const schemaName = options.schema ?? 'rampart';
    const roleName = options.applicationRole ?? 'rampart_app';
    for (const [option, value] of [
      ['schema', schemaName],
      ['applicationRole', roleName],
    ] as const) {
      if (!identifier.test(value)) {
        throw new PostgresConfigurationError(
          `${option} "${value}" must be a lower-case identifier (letters, digits, underscores; at most 63)`,
        );
      }
    }
    this.names = { schema: `"${schemaName}"`, role: `"${roleName}"`, schemaName, roleName };
    if (options.pool !== undefined) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      if (options.connectionString === undefined) {
        throw new PostgresConfigurationError('Pass connectionString or pool to reach PostgreSQL');
      }
      this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
      this.ownsPool = true;
      // An idle connection that dies (server restart) must not crash the host; the next checkout reconnects.
      this.pool.on('error', () => {});
    }
  }

  /** `"schema".name`, for SQL text. */
  table(name: string): string {
    return `${this.names.schema}.${name}`;
  }

  /** Runs `body` in one transaction as the application role, seeing and writing only `tenantId`'s rows. */
  async inTenant<T>(tenantId: string, body: (session: Session) => Promise<T>): Promise<T> {
    if (typeof tenantId !== 'string' || tenantId === '') throw new TenantScopeError('A tenant-scoped operation');
    return this.transaction(tenantId, body);
  }

  /**
   * Runs `body` in one transaction as the application role with no tenant set: tenant tables read as empty.
   * Only for the lookups that find which tenant owns a globally unique id.
   */
  async withoutTenant<T>(body: (session: Session) => Promise<T>): Promise<T> {
    return this.transaction(undefined, body);
  }

  private async transaction<T>(tenantId: string | undefined, body: (session: Session) => Promise<T>): Promise<T> {
    // One round trip opens the transaction, drops privileges and sets the scope.
    return this.run(
      tenantId,
      (client) => {
        const scope =
          tenantId === undefined
            ? ''
            : `; SELECT set_config('${tenantSetting}', ${client.escapeLiteral(tenantId)}, true)`;
        return `BEGIN; SET LOCAL ROLE ${this.names.role}${scope}`;
      },
      body,
    );
  }

  /** Runs `body` in one transaction as the connecting user itself (migrations, tests that probe as the owner). */
  async asOwner<T>(body: (session: Session) => Promise<T>): Promise<T> {
    return this.run(undefined, () => 'BEGIN', body);
  }

  private async run<T>(
    tenantId: string | undefined,
    begin: (client: pg.PoolClient) => string,
    body: (session: Session) => Promise<T>,
  ): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new PostgresQueryError({ tenantId, statement: '(connect)' }, error);
    }
    const session = this.sessionOf(client);
    let broken: Error | undefined;
    try {
      await client.query(begin(client));
      const result = await body(session);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // Also after a failed BEGIN: a connection must never go back to the pool inside a transaction.
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      if (RampartError.isInstance(error)) throw error;
      throw new PostgresQueryError({ tenantId, statement: session.lastStatement() }, error);
    } finally {
      // A connection whose rollback failed is in an unknown state: destroy it rather than pool it.
      client.release(broken);
    }
  }

  private sessionOf(client: pg.PoolClient): Session & { lastStatement(): string } {
    let last = '(begin)';
    const run = (text: string, values: readonly unknown[] = []) => {
      last = text;
      return client.query({ name: this.statementName(text), text, values: values as unknown[] });
    };
    return {
      lastStatement: () => last,
      query: async <Row>(text: string, values?: readonly unknown[]) => (await run(text, values)).rows as Row[],
      execute: async (text, values) => (await run(text, values)).rowCount ?? 0,
      script: async (text) => {
        last = text;
        await client.query(text);
      },
    };
  }

  /** Named statements are parsed and planned once per connection; the name is a digest, so equal text shares one. */
  private statementName(text: string): string {
    let name = this.statementNames.get(text);
    if (name === undefined) {
      name = `rampart_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      this.statementNames.set(text, name);
    }
    return name;
  }

  /** Ends the pool if this object opened it. */
  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
