import type { Alert } from '../alerts/alert.js';
import { type Clock, systemClock } from '../clock.js';
import { entityKinds } from '../observables/entity.js';
import { type Governance, type GovernanceFactsInput, governanceFrom } from '../policies/governance.js';
import type { Policy } from '../policies/policy.js';
import { type AlertFactsOptions, factsOfAlert } from './alert-facts.js';
import {
  caseNodeId,
  DecisionTrace,
  type DecisionTraceInput,
  decisionNodeId,
  type GraphEdge,
  type GraphEdgeInput,
  type GraphNode,
  type GraphNodeId,
  type GraphRelation,
  type NodeGovernance,
  type Provenance,
  relationKey,
} from './graph-fact.js';
import type { GraphStore, GraphTimeScope } from './graph-store.js';
import { factsOfToolResult, type ToolCallProvenance, type ToolResultFactsInput } from './tool-result-facts.js';
import type { RejectedObservable } from '../observables/alert-entities.js';
import type { RejectedToolValue } from './tool-result-facts.js';
import { parseOrThrow } from '../validation.js';

export interface ContextGraphOptions {
  store: GraphStore;
  /** Every read and write of this graph is for this tenant only. */
  tenantId: string;
  /** Time of writes that do not name one. Defaults to the system clock. */
  clock?: Clock;
}

export interface NeighbourhoodOptions {
  /** How many hops out from the centre (default 2, at most 4). */
  hops?: number;
  /** Follow only these relations (default: all). */
  relations?: readonly GraphRelation[];
  asOf?: number;
  /** Edges read per hop at most (default 500); `truncated` tells when a hop hit it. */
  maxEdgesPerHop?: number;
}

export interface Neighbourhood {
  center: GraphNodeId;
  /** Every node reached, the centre first; nodes without a visible version are left out. */
  nodes: GraphNode[];
  /** One edge per relation (its most recently observed version), in the order they were reached. */
  edges: GraphEdge[];
  /** A hop had more edges than `maxEdgesPerHop`: the answer is a sample. */
  truncated: boolean;
}

/** One thing that happened to a node, in time order: a version of the node, or a relation that started. */
export type HistoryEntry =
  | { at: number; type: 'version'; node: GraphNode }
  | { at: number; type: 'relation'; edge: GraphEdge };

/** A decision made on a case, as its trace states it. */
export interface DecisionSummary {
  id: GraphNodeId;
  at: number;
  trace: DecisionTrace;
}

export interface EntityProfile {
  node: GraphNode;
  governance: NodeGovernance;
  /** When the node first held (oldest version's `validFrom`). */
  firstSeenAt: number;
  /** The latest observation of the node or any of its relations. */
  lastObservedAt: number;
  /** Relations other than alert and case bookkeeping, one per related node and relation. */
  relations: { relation: GraphRelation; direction: 'out' | 'in'; other: GraphNodeId; validFrom: number }[];
  /** Alerts that named the entity, most recent first. */
  alertIds: string[];
  /** Cases whose alerts named the entity. */
  caseIds: string[];
  /** Decisions made on those cases, most recent first. */
  decisions: DecisionSummary[];
}

/** A policy that applies to a node, and why it does. */
export interface ApplicablePolicy {
  policy: Policy;
  /** `governance`: listed on the node or implied by its criticality, VIP status or classification; `graph`: a policy node applies to it. */
  source: 'governance' | 'graph';
}

/** The built-in policies a node's governance brings into play (see `builtInPolicies`). */
function policiesImpliedBy(governance: NodeGovernance): string[] {
  const ids: string[] = [];
  if (governance.criticality === 'critical') ids.push('critical-asset-containment');
  if (governance.vip === true) ids.push('vip-account-actions');
  if (governance.classification !== undefined && governance.classification !== 'public') {
    ids.push('internal-data-stays-internal');
  }
  return ids;
}

const bookkeepingRelations: ReadonlySet<GraphRelation> = new Set([
  'names',
  'includes',
  'decided-on',
  'used-evidence',
  'reviews',
]);
const entityKindSet: ReadonlySet<string> = new Set(entityKinds);
const maxHops = 4;

/**
 * The context graph of one tenant, as agents and engines use it: facts flow in from alerts, tool results and
 * decisions; reads answer with an entity's profile, its neighbourhood, its history, the policies that apply to it
 * and the decisions made around it. Every read can be asked "as of" a time.
 */
export class ContextGraph {
  readonly tenantId: string;
  readonly store: GraphStore;
  private readonly clock: Clock;

  constructor(options: ContextGraphOptions) {
    this.store = options.store;
    this.tenantId = options.tenantId;
    this.clock = options.clock ?? systemClock;
  }

  /** Writes what a normalized alert states (see `factsOfAlert`). */
  async recordAlert(
    alert: Alert,
    options: Omit<AlertFactsOptions, 'tenantId' | 'observedAt'> & { observedAt?: number },
  ): Promise<{ rejected: RejectedObservable[] }> {
    const { facts, rejected } = factsOfAlert(alert, {
      ...options,
      tenantId: this.tenantId,
      observedAt: options.observedAt ?? this.clock.now(),
    });
    await this.store.write(this.tenantId, facts);
    return { rejected };
  }

  /** Writes what a tool result states (see `factsOfToolResult`). */
  async recordToolResult(
    result: ToolResultFactsInput,
    call: Omit<ToolCallProvenance, 'tenantId'>,
  ): Promise<{ rejected: RejectedToolValue[] }> {
    const { facts, rejected } = factsOfToolResult(result, { ...call, tenantId: this.tenantId });
    await this.store.write(this.tenantId, facts);
    return { rejected };
  }

  /**
   * Writes a decision-trace node linked to its case (`decided-on`), to each piece of evidence (`used-evidence`) and,
   * for feedback, to the decision it reviews (`reviews`). Returns the node written.
   */
  async recordDecision(input: {
    id: string;
    trace: DecisionTraceInput;
    at?: number;
    provenance?: Omit<Provenance, 'tenantId'>;
  }): Promise<GraphNode> {
    const trace = parseOrThrow(DecisionTrace, input.trace, `decision ${input.id}`);
    const at = input.at ?? this.clock.now();
    const provenance: Provenance = {
      source: trace.decidedBy.type === 'analyst' ? 'analyst' : trace.decidedBy.type === 'agent' ? 'agent' : 'system',
      caseId: trace.caseId,
      actor: trace.decidedBy,
      ...input.provenance,
      tenantId: this.tenantId,
    };
    const id = decisionNodeId(input.id);
    const temporal = { validFrom: at, observedAt: at };
    const edges: GraphEdgeInput[] = [
      { from: id, relation: 'decided-on', to: caseNodeId(trace.caseId), ...temporal, provenance },
    ];
    for (const evidence of trace.evidence) {
      edges.push({ from: id, relation: 'used-evidence', to: evidence as GraphNodeId, ...temporal, provenance });
    }
    if (trace.feedback?.reviews !== undefined) {
      edges.push({
        from: id,
        relation: 'reviews',
        to: decisionNodeId(trace.feedback.reviews),
        ...temporal,
        provenance,
      });
    }
    // Copied to attributes so `findNodes` can select decisions by type, decider and alert type.
    const attributes = {
      decisionType: trace.type,
      decidedBy: trace.decidedBy.type,
      ...(trace.alertType !== undefined && { alertType: trace.alertType }),
    };
    const node = {
      id,
      kind: 'decision' as const,
      attributes,
      label: trace.rationale.slice(0, 200),
      decision: trace,
      ...temporal,
      provenance,
    };
    await this.store.write(this.tenantId, {
      nodes: [node],
      ensureNodes: [{ id: caseNodeId(trace.caseId), kind: 'case', ...temporal, provenance }],
      edges,
    });
    return (await this.store.getNode(this.tenantId, id, { allTime: true }))!;
  }

  /**
   * Sets governance on a node from `at` on, as a new version that keeps the node's other fields. Fields given
   * replace the current ones; the earlier version stays in the history and in "as of" reads before `at`.
   */
  async setGovernance(
    id: GraphNodeId,
    governance: NodeGovernance,
    options: { at?: number; provenance?: Omit<Provenance, 'tenantId'> } = {},
  ): Promise<void> {
    const at = options.at ?? this.clock.now();
    const current = await this.store.getNode(this.tenantId, id, { asOf: at });
    const provenance: Provenance = { source: 'system', ...options.provenance, tenantId: this.tenantId };
    const versions = current === null ? [] : [{ ...current, validTo: at }];
    await this.store.write(this.tenantId, {
      nodes: [
        ...versions.filter((version) => version.validFrom < at),
        {
          id,
          kind: id.slice(0, id.indexOf(':')) as GraphNode['kind'],
          ...(current?.label !== undefined && { label: current.label }),
          attributes: current?.attributes ?? {},
          governance: { ...current?.governance, ...governance },
          validFrom: at,
          observedAt: at,
          provenance,
        },
      ],
    });
  }

  /** Nodes and relations within `hops` of `center`, following only the relations asked for. */
  async neighbourhood(center: GraphNodeId, options: NeighbourhoodOptions = {}): Promise<Neighbourhood> {
    const hops = Math.min(Math.max(options.hops ?? 2, 0), maxHops);
    const limit = options.maxEdgesPerHop ?? 500;
    const scope: GraphTimeScope = options.asOf === undefined ? {} : { asOf: options.asOf };
    const reached = new Set<GraphNodeId>([center]);
    const edgesByRelation = new Map<string, GraphEdge>();
    let frontier: GraphNodeId[] = [center];
    let truncated = false;
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
      const edges = await this.store.edgesOf(this.tenantId, frontier, {
        ...scope,
        ...(options.relations !== undefined && { relations: options.relations }),
        limit: limit + 1,
      });
      if (edges.length > limit) {
        truncated = true;
        edges.length = limit;
      }
      const next: GraphNodeId[] = [];
      for (const edge of edges) {
        const key = relationKey(edge);
        if (!edgesByRelation.has(key)) edgesByRelation.set(key, edge);
        for (const end of [edge.from, edge.to]) {
          if (reached.has(end)) continue;
          reached.add(end);
          next.push(end);
        }
      }
      frontier = next;
    }
    return {
      center,
      nodes: await this.store.getNodes(this.tenantId, [...reached], scope),
      edges: [...edgesByRelation.values()],
      truncated,
    };
  }

  /** Every version of the node and every relation it ever had, oldest first. */
  async history(id: GraphNodeId): Promise<HistoryEntry[]> {
    const [versions, edges] = await Promise.all([
      this.store.nodeVersions(this.tenantId, id),
      this.store.edgesOf(this.tenantId, [id], { allTime: true }),
    ]);
    const entries: HistoryEntry[] = [
      ...versions.map((node) => ({ at: node.validFrom, type: 'version' as const, node })),
      ...edges.map((edge) => ({ at: edge.validFrom, type: 'relation' as const, edge })),
    ];
    return entries.sort((a, b) => a.at - b.at || (a.type === b.type ? 0 : a.type === 'version' ? -1 : 1));
  }

  /** Case ids whose alerts named any of `ids`, most recently observed first. */
  async casesNaming(ids: readonly GraphNodeId[], scope: GraphTimeScope = {}): Promise<string[]> {
    const namings = await this.store.edgesOf(this.tenantId, ids, { ...scope, direction: 'in', relations: ['names'] });
    const alerts = [...new Set(namings.map((edge) => edge.from))];
    const inclusions = await this.store.edgesOf(this.tenantId, alerts, {
      ...scope,
      direction: 'in',
      relations: ['includes'],
    });
    return [...new Set(inclusions.map((edge) => edge.from.slice('case:'.length)))];
  }

  /**
   * The MITRE ATT&CK technique ids of a case: every id its alerts carry (`attackTechniques` on the alert nodes
   * that `factsOfAlert` writes), sorted.
   */
  async attackTechniquesOfCase(caseId: string, scope: GraphTimeScope = {}): Promise<string[]> {
    const inclusions = await this.store.edgesOf(this.tenantId, [caseNodeId(caseId)], {
      ...scope,
      direction: 'out',
      relations: ['includes'],
    });
    const alerts = await this.store.getNodes(
      this.tenantId,
      inclusions.map((edge) => edge.to),
      scope,
    );
    const techniques = new Set<string>();
    for (const alert of alerts) {
      const ids = alert.attributes.attackTechniques;
      if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') techniques.add(id);
    }
    return [...techniques].sort();
  }

  /** Decisions made on the cases, most recent first. */
  async decisionsOn(caseIds: readonly string[], scope: GraphTimeScope = {}): Promise<DecisionSummary[]> {
    const edges = await this.store.edgesOf(this.tenantId, caseIds.map(caseNodeId), {
      ...scope,
      direction: 'in',
      relations: ['decided-on'],
    });
    const nodes = await this.store.getNodes(
      this.tenantId,
      edges.map((edge) => edge.from),
      scope.asOf === undefined ? { allTime: true } : scope,
    );
    return nodes
      .filter((node) => node.decision !== undefined)
      .map((node) => ({ id: node.id, at: node.validFrom, trace: node.decision! }))
      .sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
  }

  /** What the graph knows about one node, or `null` when it has no visible version. */
  async profile(id: GraphNodeId, scope: GraphTimeScope = {}): Promise<EntityProfile | null> {
    const node = await this.store.getNode(this.tenantId, id, scope);
    if (node === null) return null;
    const [versions, edges] = await Promise.all([
      this.store.nodeVersions(this.tenantId, id),
      this.store.edgesOf(this.tenantId, [id], scope),
    ]);
    const relations: EntityProfile['relations'] = [];
    const seen = new Set<string>();
    const alertIds: string[] = [];
    let lastObservedAt = node.observedAt;
    for (const edge of edges) {
      lastObservedAt = Math.max(lastObservedAt, edge.observedAt);
      if (edge.relation === 'names' && edge.to === id) {
        alertIds.push(edge.from.slice('alert:'.length));
        continue;
      }
      if (bookkeepingRelations.has(edge.relation) || seen.has(relationKey(edge))) continue;
      seen.add(relationKey(edge));
      const direction = edge.from === id ? 'out' : 'in';
      relations.push({
        relation: edge.relation,
        direction,
        other: direction === 'out' ? edge.to : edge.from,
        validFrom: edge.validFrom,
      });
    }
    const caseIds = await this.casesNaming([id], scope);
    const visible = versions.filter((version) => scope.asOf === undefined || version.observedAt <= scope.asOf);
    return {
      node,
      governance: node.governance ?? {},
      firstSeenAt: Math.min(...visible.map((version) => version.validFrom)),
      lastObservedAt,
      relations,
      alertIds: [...new Set(alertIds)],
      caseIds,
      decisions: await this.decisionsOn(caseIds, scope),
    };
  }

  /** The policies among `policies` that apply to the node: named by its governance, implied by it, or linked in the graph. */
  async applicablePolicies(
    id: GraphNodeId,
    policies: readonly Policy[],
    scope: GraphTimeScope = {},
  ): Promise<ApplicablePolicy[]> {
    const node = await this.store.getNode(this.tenantId, id, scope);
    const governance = node?.governance ?? {};
    const fromGovernance = new Set([...(governance.policies ?? []), ...policiesImpliedBy(governance)]);
    const linked = await this.store.edgesOf(this.tenantId, [id], {
      ...scope,
      direction: 'in',
      relations: ['applies-to'],
    });
    const fromGraph = new Set(linked.map((edge) => edge.from.slice('policy:'.length)));
    const applicable: ApplicablePolicy[] = [];
    for (const policy of policies) {
      if (fromGovernance.has(policy.id)) applicable.push({ policy, source: 'governance' });
      else if (fromGraph.has(policy.id)) applicable.push({ policy, source: 'graph' });
    }
    return applicable;
  }

  /**
   * A `Governance` for the gate's policies built from what the graph says about `ids` (typically a case's
   * entities): critical nodes are critical assets, VIP nodes are VIPs, and anything classified above `public` is
   * internal-only.
   */
  async governanceFor(ids: readonly GraphNodeId[], scope: GraphTimeScope = {}): Promise<Governance> {
    const nodes = await this.store.getNodes(this.tenantId, ids, scope);
    const facts: Required<GovernanceFactsInput> = { criticalAssets: [], vips: [], internalOnly: [] };
    for (const node of nodes) {
      if (!entityKindSet.has(node.kind) || node.governance === undefined) continue;
      const governance = node.governance;
      if (governance.criticality === 'critical') facts.criticalAssets.push(node.id);
      if (governance.vip === true) facts.vips.push(node.id);
      if (governance.classification !== undefined && governance.classification !== 'public')
        facts.internalOnly.push(node.id);
    }
    return governanceFrom(facts);
  }
}
