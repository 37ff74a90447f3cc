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
  relationKey,
} from '@rampart/core';
import { lockNamespace } from './migrations.js';
import type { PostgresDatabase } from './postgres-database.js';

const defaultNodeLimit = 100;

/** Numbered placeholders for a statement built from parts: `add(value)` returns `$n`. */
class Placeholders {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The SQL condition of a time scope on table alias `alias` (see `GraphTimeScope`). */
function visibility(scope: GraphTimeScope, alias: string, placeholders: Placeholders): string {
  if (scope.allTime) return 'true';
  if (scope.asOf === undefined) return `${alias}.valid_to IS NULL`;
  const at = placeholders.add(scope.asOf);
  return `${alias}.observed_at <= ${at} AND ${alias}.valid_from <= ${at} AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > ${at})`;
}

/** The last of several facts with the same key, as writing them one after another would leave it. */
function lastByKey<Fact>(facts: readonly Fact[], key: (fact: Fact) => string): Fact[] {
  const byKey = new Map<string, Fact>();
  for (const fact of facts) {
    const name = key(fact);
    byKey.delete(name);
    byKey.set(name, fact);
  }
  return [...byKey.values()];
}

/**
 * The `GraphStore` in PostgreSQL. A write is validated first, then one transaction of three statements over
 * arrays; a hop is one indexed read for every node of a frontier, so a 2-hop neighbourhood costs two queries at
 * any graph size. Row-level security holds every statement to the tenant named in the call.
 */
export class PostgresGraphStore implements GraphStore {
  private readonly nodes: string;
  private readonly edges: string;

  constructor(private readonly database: PostgresDatabase) {
    this.nodes = database.table('graph_nodes');
    this.edges = database.table('graph_edges');
  }

  async write(tenantId: string, facts: GraphWrite): Promise<void> {
    const parsed = parseGraphWrite(tenantId, facts);
    const columns = `tenant_id, id, valid_from, valid_to, observed_at, kind, fact`;
    const nodeArrays = (nodes: readonly GraphNode[]) => [
      tenantId,
      nodes.map((node) => node.id),
      nodes.map((node) => node.validFrom),
      nodes.map((node) => node.validTo),
      nodes.map((node) => node.observedAt),
      nodes.map((node) => node.kind),
      nodes.map((node) => JSON.stringify(node)),
    ];
    const fromArrays = `FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::text[])
      AS u(id, valid_from, valid_to, observed_at, kind, fact)`;
    await this.database.inTenant(tenantId, async (session) => {
      // Only the first of several versions of one new node counts, as if they were ensured one by one.
      const ensured = lastByKey([...parsed.ensureNodes].reverse(), (node) => node.id);
      if (ensured.length > 0) {
        // "Only when the node has no version" must hold between processes too: lock the ids (in one order, so two
        // writers cannot deadlock) until commit, then look; a writer that waited sees the other's committed row.
        await session.query(
          `SELECT pg_advisory_xact_lock($1, hashtext(key)) FROM unnest($2::text[]) AS key ORDER BY key`,
          [
            lockNamespace.graphEnsure,
            ensured.map((node) => `${this.database.names.schemaName}/${tenantId}/${node.id}`),
          ],
        );
        await session.execute(
          `INSERT INTO ${this.nodes} (${columns})
           SELECT $1, u.* ${fromArrays}
           WHERE NOT EXISTS (SELECT 1 FROM ${this.nodes} n WHERE n.tenant_id = $1 AND n.id = u.id)
           ON CONFLICT DO NOTHING`,
          nodeArrays(ensured),
        );
      }
      const nodes = lastByKey(parsed.nodes, (node) => JSON.stringify([node.id, node.validFrom]));
      if (nodes.length > 0) {
        await session.execute(
          `INSERT INTO ${this.nodes} (${columns}) SELECT $1, u.* ${fromArrays}
           ON CONFLICT (tenant_id, id, valid_from) DO UPDATE SET valid_to = excluded.valid_to,
             observed_at = excluded.observed_at, kind = excluded.kind, fact = excluded.fact`,
          nodeArrays(nodes),
        );
      }
      const edges = lastByKey(parsed.edges, (edge) => JSON.stringify([relationKey(edge), edge.validFrom]));
      if (edges.length > 0) {
        await session.execute(
          `INSERT INTO ${this.edges} (tenant_id, from_id, relation, to_id, valid_from, valid_to, observed_at, fact)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[])
           ON CONFLICT (tenant_id, from_id, relation, to_id, valid_from) DO UPDATE SET valid_to = excluded.valid_to,
             observed_at = excluded.observed_at, fact = excluded.fact`,
          [
            tenantId,
            edges.map((edge) => edge.from),
            edges.map((edge) => edge.relation),
            edges.map((edge) => edge.to),
            edges.map((edge) => edge.validFrom),
            edges.map((edge) => edge.validTo),
            edges.map((edge) => edge.observedAt),
            edges.map((edge) => JSON.stringify(edge)),
          ],
        );
      }
    });
  }

  async getNode(tenantId: string, id: GraphNodeId, scope?: GraphTimeScope): Promise<GraphNode | null> {
    const [node] = await this.getNodes(tenantId, [id], scope);
    return node ?? null;
  }

  async getNodes(tenantId: string, ids: readonly GraphNodeId[], scope: GraphTimeScope = {}): Promise<GraphNode[]> {
    if (ids.length === 0) return [];
    const placeholders = new Placeholders();
    const tenant = placeholders.add(tenantId);
    const idList = placeholders.add([...new Set(ids)]);
    const sql = `SELECT DISTINCT ON (n.id) n.id, n.fact FROM ${this.nodes} n
      WHERE n.tenant_id = ${tenant} AND n.id = ANY(${idList}::text[]) AND ${visibility(scope, 'n', placeholders)}
      ORDER BY n.id, n.valid_from DESC, n.observed_at DESC`;
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<{ id: string; fact: string }>(sql, placeholders.values),
    );
    const byId = new Map(rows.map((row) => [row.id, row.fact]));
    return [...new Set(ids)].flatMap((id) => {
      const fact = byId.get(id);
      return fact === undefined ? [] : [JSON.parse(fact) as GraphNode];
    });
  }

  async nodeVersions(tenantId: string, id: GraphNodeId): Promise<GraphNode[]> {
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<{ fact: string }>(
        `SELECT fact FROM ${this.nodes} WHERE tenant_id = $1 AND id = $2 ORDER BY valid_from, observed_at`,
        [tenantId, id],
      ),
    );
    return rows.map((row) => JSON.parse(row.fact) as GraphNode);
  }

  async edgesOf(tenantId: string, ids: readonly GraphNodeId[], query: GraphEdgeQuery = {}): Promise<GraphEdge[]> {
    if (ids.length === 0) return [];
    const direction = query.direction ?? 'both';
    const placeholders = new Placeholders();
    const tenant = placeholders.add(tenantId);
    const idList = placeholders.add(ids);
    const relations = query.relations === undefined ? undefined : placeholders.add(query.relations);
    const select = (column: 'from_id' | 'to_id') =>
      `SELECT e.fact, e.observed_at, e.from_id, e.relation, e.to_id, e.valid_from FROM ${this.edges} e
       WHERE e.tenant_id = ${tenant} AND e.${column} = ANY(${idList}::text[]) AND ${visibility(query, 'e', placeholders)}
       ${relations === undefined ? '' : `AND e.relation = ANY(${relations}::text[])`}`;
    const parts = [
      ...(direction !== 'in' ? [select('from_id')] : []),
      ...(direction !== 'out' ? [select('to_id')] : []),
    ];
    const limit = query.limit === undefined ? '' : ` LIMIT ${placeholders.add(query.limit)}`;
    // UNION, not UNION ALL: an edge from one given node to another is found both ways but returned once.
    const sql = `SELECT fact FROM (${parts.join(' UNION ')}) found
      ORDER BY observed_at DESC, from_id, relation, to_id, valid_from DESC${limit}`;
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<{ fact: string }>(sql, placeholders.values),
    );
    return rows.map((row) => JSON.parse(row.fact) as GraphEdge);
  }

  async findNodes(tenantId: string, query: GraphNodeQuery): Promise<GraphNode[]> {
    const placeholders = new Placeholders();
    const conditions = [`n.tenant_id = ${placeholders.add(tenantId)}`];
    if (query.kinds !== undefined) conditions.push(`n.kind = ANY(${placeholders.add(query.kinds)}::text[])`);
    conditions.push(visibility(query, 'n', placeholders));
    conditions.push(
      `NOT EXISTS (SELECT 1 FROM ${this.nodes} m WHERE m.tenant_id = n.tenant_id AND m.id = n.id
         AND m.valid_from > n.valid_from AND ${visibility(query, 'm', placeholders)})`,
    );
    // The attribute's JSON text as the fact was serialised: `true`, `1` and `"1"` differ, so types never mix.
    for (const [name, value] of Object.entries(query.attributes ?? {})) {
      conditions.push(
        `(n.fact::json -> 'attributes' -> ${placeholders.add(name)})::text = ${placeholders.add(JSON.stringify(value))}`,
      );
    }
    const sql = `SELECT fact FROM ${this.nodes} n WHERE ${conditions.join(' AND ')}
      ORDER BY n.observed_at DESC, n.id LIMIT ${placeholders.add(query.limit ?? defaultNodeLimit)}`;
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<{ fact: string }>(sql, placeholders.values),
    );
    return rows.map((row) => JSON.parse(row.fact) as GraphNode);
  }
}
