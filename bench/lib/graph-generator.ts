import type { GraphEdgeInput, GraphNodeId, GraphNodeInput, Provenance } from '@rampart/core';
import { SeededRandom } from './seeded-random.js';

/**
 * A seeded synthetic estate for the graph benchmark: users, hosts, addresses, domains and file hashes in fixed
 * proportions, with relations whose degree does not depend on the size (a user owns one or two hosts and logs on
 * to two; a host connects to three addresses and resolves three domains; a domain resolves to one address; a hash
 * is seen on one host). So a 2-hop neighbourhood has the same expected size at 10k and at 1M entities, and any
 * growth in query time is the store's.
 */
export interface SyntheticGraph {
  nodeCount: number;
  edgeCount: number;
  /** Node ids in generation order, for sampling. */
  ids: GraphNodeId[];
  /** Batches of facts, in write order. */
  batches(size: number): Iterable<{ nodes: GraphNodeInput[]; edges: GraphEdgeInput[] }>;
}

export const benchTenant = 'bench';
const provenance: Provenance = { source: 'import', tenantId: benchTenant };

export function syntheticGraph(entities: number, seed = 42): SyntheticGraph {
  const counts = {
    user: Math.round(entities * 0.1),
    host: Math.round(entities * 0.1),
    ip: Math.round(entities * 0.3),
    domain: Math.round(entities * 0.3),
    hash: 0,
  };
  counts.hash = entities - counts.user - counts.host - counts.ip - counts.domain;
  const user = (index: number): GraphNodeId => `user:user${index}@acme.example`;
  const host = (index: number): GraphNodeId => `host:ws-${index}.corp.acme.example`;
  const ip = (index: number): GraphNodeId => `ip:10.${(index >>> 16) & 255}.${(index >>> 8) & 255}.${index & 255}`;
  const domain = (index: number): GraphNodeId => `domain:site${index}.example`;
  const hash = (index: number): GraphNodeId => `hash:sha256:${index.toString(16).padStart(64, '0')}`;
  const ids: GraphNodeId[] = [];
  for (let index = 0; index < counts.user; index++) ids.push(user(index));
  for (let index = 0; index < counts.host; index++) ids.push(host(index));
  for (let index = 0; index < counts.ip; index++) ids.push(ip(index));
  for (let index = 0; index < counts.domain; index++) ids.push(domain(index));
  for (let index = 0; index < counts.hash; index++) ids.push(hash(index));

  const edgesFor = function* (random: SeededRandom): Generator<GraphEdgeInput> {
    const edge = (from: GraphNodeId, relation: GraphEdgeInput['relation'], to: GraphNodeId): GraphEdgeInput => {
      const at = 1_000 + random.integer(1_000_000);
      return { from, relation, to, validFrom: at, observedAt: at, provenance };
    };
    for (let index = 0; index < counts.user; index++) {
      const owned = 1 + random.integer(2);
      for (let count = 0; count < owned; count++) yield edge(user(index), 'owns', host(random.integer(counts.host)));
      for (let count = 0; count < 2; count++)
        yield edge(user(index), 'logged-on-to', host(random.integer(counts.host)));
    }
    for (let index = 0; index < counts.host; index++) {
      for (let count = 0; count < 3; count++) yield edge(host(index), 'connected-to', ip(random.integer(counts.ip)));
      for (let count = 0; count < 3; count++)
        yield edge(host(index), 'resolved', domain(random.integer(counts.domain)));
    }
    for (let index = 0; index < counts.domain; index++)
      yield edge(domain(index), 'resolves-to', ip(random.integer(counts.ip)));
    for (let index = 0; index < counts.hash; index++)
      yield edge(host(random.integer(counts.host)), 'executed', hash(index));
  };
  let edgeCount = 0;
  for (const _ of edgesFor(new SeededRandom(seed))) edgeCount++;

  return {
    nodeCount: ids.length,
    edgeCount,
    ids,
    *batches(size) {
      let nodes: GraphNodeInput[] = [];
      let edges: GraphEdgeInput[] = [];
      for (const id of ids) {
        nodes.push({
          id,
          kind: id.slice(0, id.indexOf(':')) as GraphNodeInput['kind'],
          validFrom: 0,
          observedAt: 0,
          provenance,
        });
        if (nodes.length === size) {
          yield { nodes, edges };
          nodes = [];
        }
      }
      for (const edge of edgesFor(new SeededRandom(seed))) {
        edges.push(edge);
        if (edges.length === size) {
          yield { nodes, edges };
          nodes = [];
          edges = [];
        }
      }
      if (nodes.length > 0 || edges.length > 0) yield { nodes, edges };
    },
  };
}
