import type { GraphEdge, GraphNode, GraphNodeId } from './graph-fact.js';
import type { GraphEdgeQuery, GraphNodeQuery, GraphStore, GraphTimeScope, GraphWrite } from './graph-store.js';
import { edgeReadOrder, isVisible, newerVersionFirst, nodeReadOrder, parseGraphWrite } from './graph-write.js';

interface TenantGraph {
  /** Versions per node id, newest first. */
  nodes: Map<string, GraphNode[]>;
  /** Edge versions from each node, by `relation|to|validFrom`; the same objects as in `incoming`. */
  outgoing: Map<string, Map<string, GraphEdge>>;
  /** Edge versions to each node, by `relation|from|validFrom`. */
  incoming: Map<string, Map<string, GraphEdge>>;
}

const defaultNodeLimit = 100;

function putAdjacent(index: Map<string, Map<string, GraphEdge>>, nodeId: string, key: string, edge: GraphEdge): void {
  let edges = index.get(nodeId);
  if (edges === undefined) {
    edges = new Map();
    index.set(nodeId, edges);
  }
  edges.set(key, edge);
}

/** Freezes a parsed fact all the way down: reads hand out the stored objects, and no caller may change them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

function matchesAttributes(node: GraphNode, wanted: GraphNodeQuery['attributes']): boolean {
  if (wanted === undefined) return true;
  for (const [name, value] of Object.entries(wanted)) if (node.attributes[name] !== value) return false;
  return true;
}

/**
 * A `GraphStore` in process memory: adjacency sets per node, so a lookup and a hop cost the size of the answer,
 * not of the graph. Stored facts are frozen, so the objects reads return cannot be changed behind the store's
 * back. For tests, the sandbox and single-process use; facts are lost with the process.
 */
export class MemoryGraphStore implements GraphStore {
  private readonly tenants = new Map<string, TenantGraph>();

  private tenant(tenantId: string): TenantGraph | undefined {
    return this.tenants.get(tenantId);
  }

  private tenantForWrite(tenantId: string): TenantGraph {
    let graph = this.tenants.get(tenantId);
    if (graph === undefined) {
      graph = { nodes: new Map(), outgoing: new Map(), incoming: new Map() };
      this.tenants.set(tenantId, graph);
    }
    return graph;
  }

  async write(tenantId: string, facts: GraphWrite): Promise<void> {
    const parsed = deepFreeze(parseGraphWrite(tenantId, facts));
    const graph = this.tenantForWrite(tenantId);
    for (const node of parsed.ensureNodes) if (!graph.nodes.has(node.id)) graph.nodes.set(node.id, [node]);
    for (const node of parsed.nodes) {
      const versions = (graph.nodes.get(node.id) ?? []).filter((version) => version.validFrom !== node.validFrom);
      versions.push(node);
      versions.sort(newerVersionFirst);
      graph.nodes.set(node.id, versions);
    }
    for (const edge of parsed.edges) {
      putAdjacent(graph.outgoing, edge.from, `${edge.relation}|${edge.to}|${edge.validFrom}`, edge);
      putAdjacent(graph.incoming, edge.to, `${edge.relation}|${edge.from}|${edge.validFrom}`, edge);
    }
  }

  async getNode(tenantId: string, id: GraphNodeId, scope?: GraphTimeScope): Promise<GraphNode | null> {
    const versions = this.tenant(tenantId)?.nodes.get(id);
    return versions?.find((version) => isVisible(version, scope)) ?? null;
  }

  async getNodes(tenantId: string, ids: readonly GraphNodeId[], scope?: GraphTimeScope): Promise<GraphNode[]> {
    const found: GraphNode[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const node = await this.getNode(tenantId, id, scope);
      if (node !== null) found.push(node);
    }
    return found;
  }

  async nodeVersions(tenantId: string, id: GraphNodeId): Promise<GraphNode[]> {
    const versions = this.tenant(tenantId)?.nodes.get(id) ?? [];
    return [...versions].reverse();
  }

  async edgesOf(tenantId: string, ids: readonly GraphNodeId[], query: GraphEdgeQuery = {}): Promise<GraphEdge[]> {
    const graph = this.tenant(tenantId);
    if (graph === undefined) return [];
    const direction = query.direction ?? 'both';
    const relations = query.relations === undefined ? undefined : new Set(query.relations);
    // A Set of the edge objects: an edge between two of the given nodes is found from both ends, once.
    const found = new Set<GraphEdge>();
    const collect = (adjacent: Map<string, GraphEdge> | undefined) => {
      if (adjacent === undefined) return;
      for (const edge of adjacent.values()) {
        if ((relations === undefined || relations.has(edge.relation)) && isVisible(edge, query)) found.add(edge);
      }
    };
    for (const id of ids) {
      if (direction !== 'in') collect(graph.outgoing.get(id));
      if (direction !== 'out') collect(graph.incoming.get(id));
    }
    const edges = [...found];
    edges.sort(edgeReadOrder);
    return query.limit === undefined ? edges : edges.slice(0, query.limit);
  }

  async findNodes(tenantId: string, query: GraphNodeQuery): Promise<GraphNode[]> {
    const graph = this.tenant(tenantId);
    if (graph === undefined) return [];
    const kinds = query.kinds === undefined ? undefined : new Set<string>(query.kinds);
    const found: GraphNode[] = [];
    for (const versions of graph.nodes.values()) {
      if (kinds !== undefined && !kinds.has(versions[0]!.kind)) continue;
      const node = versions.find((version) => isVisible(version, query));
      if (node !== undefined && matchesAttributes(node, query.attributes)) found.push(node);
    }
    found.sort(nodeReadOrder);
    return found.slice(0, query.limit ?? defaultNodeLimit);
  }
}
