import type { TimelineEntry } from '../cases/timeline.js';
import type { ContextGraph, DecisionSummary } from '../graph/context-graph.js';
import { caseNodeId, type GraphNode, type GraphNodeId } from '../graph/graph-fact.js';
import { registrableDomain } from '../observables/domain.js';
import { hostOfCanonicalUrl } from '../observables/url.js';

export interface PrecedentQuery {
  /** The new case: left out of the answer. */
  caseId: string;
  alertType?: string;
  /** Node ids of the new case's entities. */
  entities: readonly GraphNodeId[];
  /** Only what was known at this time (a replay). */
  asOf?: number;
  /** At most this many precedents (default 3). */
  limit?: number;
  /** Cases with the same alert type considered besides those sharing entities (default 50, most recent first). */
  sameTypeCandidates?: number;
}

/** What an analyst decided on a past case. */
export interface PrecedentOutcome {
  analyst: string;
  at: number;
  kind: 'verdict-confirmed' | 'verdict-overridden' | 'action-approved' | 'action-denied' | 'verdict-set';
  verdict?: string;
  tool?: string;
  rationale: string;
}

export interface Precedent {
  caseId: string;
  score: number;
  sameAlertType: boolean;
  /** Entities both cases name. */
  sharedEntities: GraphNodeId[];
  /** Entities of the past case that are near one of the new case's: same registrable domain, same /24 or /64, same mail domain. */
  similarEntities: GraphNodeId[];
  /** Enrichment results (`reputation` attributes of the entities) both cases share, e.g. `malicious`. */
  sharedEnrichment: string[];
  outcome: PrecedentOutcome;
  /** A sentence to cite in the agent's context and on the timeline. */
  citation: string;
}

const weights = { shared: 3, similar: 1, alertType: 2, enrichment: 1 };

function siteOf(name: string): string {
  try {
    return registrableDomain(name) ?? name;
  } catch {
    // An address or a name with no public suffix: the name itself is the closest grouping.
    return name;
  }
}

/** A coarser key two entities share when they are near each other, or `null` when the kind has none. */
export function similarityKey(id: GraphNodeId): string | null {
  const separator = id.indexOf(':');
  const kind = id.slice(0, separator);
  const value = id.slice(separator + 1);
  switch (kind) {
    case 'domain':
      return `domain:${siteOf(value)}`;
    case 'url': {
      return `domain:${siteOf(hostOfCanonicalUrl(value))}`;
    }
    case 'email':
    case 'mailbox':
      return `domain:${siteOf(value.slice(value.lastIndexOf('@') + 1))}`;
    case 'ip':
      return value.includes(':')
        ? `ip6:${value.split(':').slice(0, 4).join(':')}`
        : `ip4:${value.slice(0, value.lastIndexOf('.'))}`;
    default:
      return null;
  }
}

function outcomeOf(decisions: readonly DecisionSummary[]): PrecedentOutcome | null {
  // Decisions come most recent first: the analyst's last word on the case is its outcome.
  for (const decision of decisions) {
    const trace = decision.trace;
    if (trace.decidedBy.type !== 'analyst') continue;
    const kind = trace.feedback?.kind ?? (trace.type === 'verdict' ? 'verdict-set' : null);
    if (kind === null) continue;
    return {
      analyst: trace.decidedBy.id,
      at: decision.at,
      kind,
      ...(trace.verdict !== undefined && { verdict: trace.verdict }),
      ...(trace.action !== undefined && { tool: trace.action.tool }),
      rationale: trace.rationale,
    };
  }
  return null;
}

/** "decided like case 1042, where the analyst alice marked it benign: “Known travel”". */
export function citePrecedent(caseId: string, outcome: PrecedentOutcome): string {
  const verdict = (outcome.verdict ?? 'undetermined').replaceAll('_', ' ');
  const what = {
    'verdict-confirmed': `confirmed the verdict ${verdict}`,
    'verdict-overridden': `overrode the agent and marked it ${verdict}`,
    'verdict-set': `marked it ${verdict}`,
    'action-approved': `approved ${outcome.tool ?? 'the action'}`,
    'action-denied': `denied ${outcome.tool ?? 'the action'}`,
  }[outcome.kind];
  return `Decided like case ${caseId}, where the analyst ${outcome.analyst} ${what}: “${outcome.rationale}”`;
}

async function entitiesOfCases(
  graph: ContextGraph,
  caseIds: readonly string[],
  asOf?: number,
): Promise<Map<string, Set<GraphNodeId>>> {
  const scope = asOf === undefined ? {} : { asOf };
  const inclusions = await graph.store.edgesOf(graph.tenantId, caseIds.map(caseNodeId), {
    ...scope,
    direction: 'out',
    relations: ['includes'],
  });
  const alertToCase = new Map<string, string>();
  for (const edge of inclusions) alertToCase.set(edge.to, edge.from.slice('case:'.length));
  const namings = await graph.store.edgesOf(graph.tenantId, [...alertToCase.keys()] as GraphNodeId[], {
    ...scope,
    direction: 'out',
    relations: ['names'],
  });
  const entities = new Map<string, Set<GraphNodeId>>(caseIds.map((id) => [id, new Set()]));
  for (const edge of namings) entities.get(alertToCase.get(edge.from)!)?.add(edge.to);
  return entities;
}

/**
 * The past cases most like a new one that an analyst decided, best first: scored by shared entities (3 each),
 * similar entities (1 each), the same alert type (2) and shared enrichment results (1 each). Candidates are the
 * cases that name one of the new case's entities, and the latest analyst decisions on the same alert type. Each
 * precedent carries the analyst's outcome and a sentence to cite.
 */
export async function findPrecedents(graph: ContextGraph, query: PrecedentQuery): Promise<Precedent[]> {
  const scope = query.asOf === undefined ? {} : { asOf: query.asOf };
  const candidates = new Set(await graph.casesNaming(query.entities, scope));
  if (query.alertType !== undefined) {
    const sameType = await graph.store.findNodes(graph.tenantId, {
      ...scope,
      kinds: ['decision'],
      attributes: { alertType: query.alertType, decidedBy: 'analyst' },
      limit: query.sameTypeCandidates ?? 50,
    });
    for (const node of sameType) if (node.decision !== undefined) candidates.add(node.decision.caseId);
  }
  candidates.delete(query.caseId);
  if (candidates.size === 0) return [];

  const caseIds = [...candidates];
  const [entitiesByCase, decisions] = await Promise.all([
    entitiesOfCases(graph, caseIds, query.asOf),
    graph.decisionsOn(caseIds, scope),
  ]);
  const decisionsByCase = new Map<string, DecisionSummary[]>();
  for (const decision of decisions) {
    const list = decisionsByCase.get(decision.trace.caseId) ?? [];
    list.push(decision);
    decisionsByCase.set(decision.trace.caseId, list);
  }
  const mine = new Set(query.entities);
  const myKeys = new Set(query.entities.map(similarityKey).filter((key) => key !== null));
  const reputationOf = async (ids: Iterable<GraphNodeId>) => {
    const nodes = await graph.store.getNodes(graph.tenantId, [...ids], scope);
    return new Map(nodes.map((node: GraphNode) => [node.id, node.attributes.reputation]));
  };
  const myReputation = new Set([...(await reputationOf(mine)).values()].filter((value) => typeof value === 'string'));

  const precedents: Precedent[] = [];
  for (const caseId of caseIds) {
    const outcome = outcomeOf(decisionsByCase.get(caseId) ?? []);
    if (outcome === null) continue;
    const theirs = entitiesByCase.get(caseId) ?? new Set<GraphNodeId>();
    const sharedEntities = [...theirs].filter((id) => mine.has(id)).sort();
    const similarEntities = [...theirs].filter((id) => !mine.has(id) && myKeys.has(similarityKey(id) ?? '')).sort();
    const theirReputation = await reputationOf(theirs);
    const sharedEnrichment = [
      ...new Set(
        [...theirReputation.values()].filter(
          (value): value is string => typeof value === 'string' && myReputation.has(value),
        ),
      ),
    ].sort();
    const decisionTypes = (decisionsByCase.get(caseId) ?? []).map((decision) => decision.trace.alertType);
    const sameAlertType = query.alertType !== undefined && decisionTypes.includes(query.alertType);
    const score =
      weights.shared * sharedEntities.length +
      weights.similar * similarEntities.length +
      (sameAlertType ? weights.alertType : 0) +
      weights.enrichment * sharedEnrichment.length;
    if (score === 0) continue;
    precedents.push({
      caseId,
      score,
      sameAlertType,
      sharedEntities,
      similarEntities,
      sharedEnrichment,
      outcome,
      citation: citePrecedent(caseId, outcome),
    });
  }
  precedents.sort((a, b) => b.score - a.score || b.outcome.at - a.outcome.at || (a.caseId < b.caseId ? -1 : 1));
  return precedents.slice(0, query.limit ?? 3);
}

/** The timeline entry that cites precedents on the new case (a `reasoning` entry by the system). */
export function precedentsTimelineEntry(
  context: { id: string; caseId: string; at: number },
  precedents: readonly Precedent[],
): TimelineEntry {
  return {
    id: context.id,
    caseId: context.caseId,
    at: context.at,
    actor: { type: 'system', id: 'precedents' },
    type: 'reasoning',
    data: {
      summary:
        precedents.length === 0
          ? 'No analyst-decided precedent resembles this case.'
          : precedents.map((precedent) => precedent.citation).join('\n'),
    },
  };
}
