import type { GraphEdgeInput, GraphNodeId } from '@rampart/core';

/**
 * The anchor of the graph benchmark: the graph as two flat arrays, answered by scanning them, as code without an
 * index would. A lookup scans the node ids; a 2-hop neighbourhood scans the edge list once per hop.
 */
export class NaiveGraphScan {
  private readonly ids: GraphNodeId[] = [];
  private readonly from: string[] = [];
  private readonly to: string[] = [];

  addNodes(ids: readonly GraphNodeId[]): void {
    for (const id of ids) this.ids.push(id);
  }

  addEdges(edges: readonly GraphEdgeInput[]): void {
    for (const edge of edges) {
      this.from.push(edge.from);
      this.to.push(edge.to);
    }
  }

  lookup(id: GraphNodeId): number {
    return this.ids.indexOf(id);
  }

  /** The ids within `hops` of `center`, the centre included. */
  neighbourhood(center: string, hops: number): Set<string> {
    const reached = new Set([center]);
    let frontier = new Set([center]);
    for (let hop = 0; hop < hops; hop++) {
      const next = new Set<string>();
      for (let index = 0; index < this.from.length; index++) {
        const from = this.from[index]!;
        const to = this.to[index]!;
        if (frontier.has(from) && !reached.has(to)) next.add(to);
        if (frontier.has(to) && !reached.has(from)) next.add(from);
      }
      for (const id of next) reached.add(id);
      frontier = next;
    }
    return reached;
  }
}
