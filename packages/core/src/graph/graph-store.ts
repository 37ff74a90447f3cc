import type {
  GraphEdge,
  GraphEdgeInput,
  GraphNode,
  GraphNodeId,
  GraphNodeInput,
  GraphNodeKind,
  GraphRelation,
} from './graph-fact.js';

/**
 * Which facts a read sees. `asOf: t` sees what was known at `t` and held at `t`: facts observed at or before `t`
 * whose validity covers `t`, so a replayed case sees what was known then. Without `asOf` a read sees the
 * facts that still hold (`validTo` is `null`), whenever they were observed. `allTime` sees every fact ever written.
 */
export interface GraphTimeScope {
  asOf?: number;
  allTime?: boolean;
}

/** One atomic write: every fact is validated first, and either all are written or none. */
export interface GraphWrite {
  /** Node versions, upserted by `(id, validFrom)`. */
  nodes?: readonly GraphNodeInput[];
  /** Nodes written only when the node has no version at all: entities seen again must not reset their history. */
  ensureNodes?: readonly GraphNodeInput[];
  /** Edge versions, upserted by `(from, relation, to, validFrom)`. */
  edges?: readonly GraphEdgeInput[];
}

export interface GraphEdgeQuery extends GraphTimeScope {
  /** `out`: edges from the given nodes; `in`: edges to them; `both` (default). */
  direction?: 'out' | 'in' | 'both';
  /** Only these relations (default: all). */
  relations?: readonly GraphRelation[];
  /** At most this many edges (default: all), the most recently observed first. */
  limit?: number;
}

export interface GraphNodeQuery extends GraphTimeScope {
  kinds?: readonly GraphNodeKind[];
  /** Top-level attributes that must equal these values. */
  attributes?: Readonly<Record<string, string | number | boolean>>;
  /** At most this many nodes (default 100), the most recently observed first. */
  limit?: number;
}

/**
 * Storage of the context graph. Every read and write names one tenant and never sees another's facts; a fact
 * whose provenance names another tenant is refused with a `GraphTenantError`. Writes are validated with zod and
 * atomic. The stores hold facts only; traversal, profiles and precedents live in `ContextGraph` on top.
 * `graphStoreConformance` in `@rampart/core/testing` is the executable contract.
 */
export interface GraphStore {
  write(tenantId: string, facts: GraphWrite): Promise<void>;
  /** The node's state: its newest visible version (greatest `validFrom`, then `observedAt`), or `null`. */
  getNode(tenantId: string, id: GraphNodeId, scope?: GraphTimeScope): Promise<GraphNode | null>;
  /** `getNode` for many ids at once; unknown ids are left out, order follows `ids`. */
  getNodes(tenantId: string, ids: readonly GraphNodeId[], scope?: GraphTimeScope): Promise<GraphNode[]>;
  /** Every version of a node ever written, oldest `validFrom` first (then `observedAt`). */
  nodeVersions(tenantId: string, id: GraphNodeId): Promise<GraphNode[]>;
  /** Visible edge versions touching any of `ids`, the most recently observed first. */
  edgesOf(tenantId: string, ids: readonly GraphNodeId[], query?: GraphEdgeQuery): Promise<GraphEdge[]>;
  /** Nodes whose state matches the query, the most recently observed first. */
  findNodes(tenantId: string, query: GraphNodeQuery): Promise<GraphNode[]>;
}
