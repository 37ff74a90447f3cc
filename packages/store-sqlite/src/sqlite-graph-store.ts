import {
  type GraphEdge,
  type GraphEdgeQuery,
  type GraphNode,
  type GraphNodeId,
  type GraphNodeQuery,
  type GraphStore,
  type GraphTimeScope,
  type GraphWrite,
  parseGraphWrite,
} from '@rampart/core';
import type { Statement } from 'better-sqlite3';
import { migrate, openDatabase, type SqliteDatabase } from './database.js';
import { graphMigrations } from './graph-migrations.js';

type ScopeKind = 'current' | 'asOf' | 'allTime';

const defaultNodeLimit = 100;

function scopeKind(scope: GraphTimeScope = {}): ScopeKind {
  if (scope.allTime) return 'allTime';
  return scope.asOf === undefined ? 'current' : 'asOf';
}

/** The SQL condition of a time scope on table alias `alias`; `asOf` binds the time three times. */
function visibility(kind: ScopeKind, alias: string): string {
  switch (kind) {
    case 'allTime':
      return '1 = 1';
    case 'current':
      return `${alias}.valid_to IS NULL`;
    case 'asOf':
      return `${alias}.observed_at <= ? AND ${alias}.valid_from <= ? AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > ?)`;
  }
}

function scopeParameters(scope: GraphTimeScope = {}): number[] {
  return scopeKind(scope) === 'asOf' ? [scope.asOf!, scope.asOf!, scope.asOf!] : [];
}

/** json_each types of a JSON value, so `true` never matches `1` and `'1'` never matches `1`. */
function attributeType(value: string | number | boolean): string[] {
  if (typeof value === 'boolean') return [value ? 'true' : 'false'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'real'] : ['real'];
  return ['text'];
}

/**
 * The `GraphStore` in SQLite. A version is one row; a hop is one indexed read for all the nodes of a frontier
 * (their ids passed as one JSON array), so a 2-hop neighbourhood costs two queries at any graph size. Writes are
 * validated before one transaction. Pass an open database to share a file with the other stores, or let
 * `SqliteGraphStore.open(path)` open and own one.
 */
export class SqliteGraphStore implements GraphStore {
  private readonly statements = new Map<string, Statement>();
  private readonly writeTransaction;

  constructor(
    readonly database: SqliteDatabase,
    private readonly options: { ownsDatabase?: boolean } = {},
  ) {
    migrate(database, 'graph', graphMigrations);
    const ensureNode = database.prepare(
      'INSERT INTO graph_nodes (tenant_id, id, valid_from, valid_to, observed_at, kind, fact) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM graph_nodes WHERE tenant_id = ? AND id = ?)',
    );
    const putNode = database.prepare(
      'INSERT OR REPLACE INTO graph_nodes (tenant_id, id, valid_from, valid_to, observed_at, kind, fact) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const putEdge = database.prepare(
      'INSERT OR REPLACE INTO graph_edges (tenant_id, from_id, relation, to_id, valid_from, valid_to, observed_at, fact) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.writeTransaction = database.transaction((tenantId: string, facts: ReturnType<typeof parseGraphWrite>) => {
      for (const node of facts.ensureNodes) {
        ensureNode.run(
          tenantId,
          node.id,
          node.validFrom,
          node.validTo,
          node.observedAt,
          node.kind,
          JSON.stringify(node),
          tenantId,
          node.id,
        );
      }
      for (const node of facts.nodes) {
        putNode.run(tenantId, node.id, node.validFrom, node.validTo, node.observedAt, node.kind, JSON.stringify(node));
      }
      for (const edge of facts.edges) {
        putEdge.run(
          tenantId,
          edge.from,
          edge.relation,
          edge.to,
          edge.validFrom,
          edge.validTo,
          edge.observedAt,
          JSON.stringify(edge),
        );
      }
    });
  }

  /** Opens (or creates) the database file at `path` for this store alone; `close()` closes it. */
  static open(path: string): SqliteGraphStore {
    return new SqliteGraphStore(openDatabase(path), { ownsDatabase: true });
  }

  /** Closes the database if this store opened it; a shared database is its opener's to close. */
  close(): void {
    if (this.options.ownsDatabase) this.database.close();
  }

  private statement(key: string, sql: () => string): Statement {
    let statement = this.statements.get(key);
    if (statement === undefined) {
      statement = this.database.prepare(sql()).pluck();
      this.statements.set(key, statement);
    }
    return statement;
  }

  async write(tenantId: string, facts: GraphWrite): Promise<void> {
    this.writeTransaction(tenantId, parseGraphWrite(tenantId, facts));
  }

  async getNode(tenantId: string, id: GraphNodeId, scope?: GraphTimeScope): Promise<GraphNode | null> {
    return this.readNode(tenantId, id, scope);
  }

  private readNode(tenantId: string, id: string, scope?: GraphTimeScope): GraphNode | null {
    const kind = scopeKind(scope);
    const statement = this.statement(
      `node:${kind}`,
      () =>
        `SELECT fact FROM graph_nodes n WHERE n.tenant_id = ? AND n.id = ? AND ${visibility(kind, 'n')} ORDER BY n.valid_from DESC, n.observed_at DESC LIMIT 1`,
    );
    const fact = statement.get(tenantId, id, ...scopeParameters(scope)) as string | undefined;
    return fact === undefined ? null : (JSON.parse(fact) as GraphNode);
  }

  async getNodes(tenantId: string, ids: readonly GraphNodeId[], scope?: GraphTimeScope): Promise<GraphNode[]> {
    const found: GraphNode[] = [];
    for (const id of new Set(ids)) {
      const node = this.readNode(tenantId, id, scope);
      if (node !== null) found.push(node);
    }
    return found;
  }

  async nodeVersions(tenantId: string, id: GraphNodeId): Promise<GraphNode[]> {
    const statement = this.statement(
      'versions',
      () => 'SELECT fact FROM graph_nodes WHERE tenant_id = ? AND id = ? ORDER BY valid_from, observed_at',
    );
    return (statement.all(tenantId, id) as string[]).map((fact) => JSON.parse(fact) as GraphNode);
  }

  async edgesOf(tenantId: string, ids: readonly GraphNodeId[], query: GraphEdgeQuery = {}): Promise<GraphEdge[]> {
    if (ids.length === 0) return [];
    const direction = query.direction ?? 'both';
    const kind = scopeKind(query);
    const filtered = query.relations !== undefined;
    const limited = query.limit !== undefined;
    const statement = this.statement(`edges:${direction}:${kind}:${filtered}:${limited}`, () => {
      // The planner has no statistics on a fresh file and would read the whole tenant for incoming edges.
      const select = (column: 'from_id' | 'to_id') =>
        `SELECT e.fact, e.observed_at, e.from_id, e.relation, e.to_id, e.valid_from FROM graph_edges e${column === 'to_id' ? ' INDEXED BY graph_edges_by_target' : ''} WHERE e.tenant_id = ? AND e.${column} IN (SELECT value FROM json_each(?)) AND ${visibility(kind, 'e')}${filtered ? ' AND e.relation IN (SELECT value FROM json_each(?))' : ''}`;
      const parts = [
        ...(direction !== 'in' ? [select('from_id')] : []),
        ...(direction !== 'out' ? [select('to_id')] : []),
      ];
      return `SELECT fact FROM (${parts.join(' UNION ')}) ORDER BY observed_at DESC, from_id, relation, to_id, valid_from DESC${limited ? ' LIMIT ?' : ''}`;
    });
    const parameters: unknown[] = [];
    const idList = JSON.stringify(ids);
    const relationList = JSON.stringify(query.relations ?? []);
    for (let part = 0; part < (direction === 'both' ? 2 : 1); part++) {
      parameters.push(tenantId, idList, ...scopeParameters(query));
      if (filtered) parameters.push(relationList);
    }
    if (limited) parameters.push(query.limit);
    return (statement.all(...parameters) as string[]).map((fact) => JSON.parse(fact) as GraphEdge);
  }

  async findNodes(tenantId: string, query: GraphNodeQuery): Promise<GraphNode[]> {
    const kind = scopeKind(query);
    const kinds = query.kinds !== undefined;
    const attributes = Object.entries(query.attributes ?? {});
    const statement = this.statement(`find:${kind}:${kinds}:${attributes.length}`, () => {
      const conditions = [
        'n.tenant_id = ?',
        ...(kinds ? ['n.kind IN (SELECT value FROM json_each(?))'] : []),
        visibility(kind, 'n'),
        `NOT EXISTS (SELECT 1 FROM graph_nodes m WHERE m.tenant_id = n.tenant_id AND m.id = n.id AND m.valid_from > n.valid_from AND ${visibility(kind, 'm')})`,
        ...attributes.map(
          () =>
            "EXISTS (SELECT 1 FROM json_each(n.fact, '$.attributes') a WHERE a.key = ? AND a.type IN (SELECT value FROM json_each(?)) AND a.atom = ?)",
        ),
      ];
      return `SELECT fact FROM graph_nodes n WHERE ${conditions.join(' AND ')} ORDER BY n.observed_at DESC, n.id LIMIT ?`;
    });
    const parameters: unknown[] = [tenantId];
    if (kinds) parameters.push(JSON.stringify(query.kinds));
    parameters.push(...scopeParameters(query), ...scopeParameters(query));
    for (const [name, value] of attributes) {
      parameters.push(name, JSON.stringify(attributeType(value)), typeof value === 'boolean' ? Number(value) : value);
    }
    parameters.push(query.limit ?? defaultNodeLimit);
    return (statement.all(...parameters) as string[]).map((fact) => JSON.parse(fact) as GraphNode);
  }
}
