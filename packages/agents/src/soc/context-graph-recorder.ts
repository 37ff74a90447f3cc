import {
  type Alert,
  alertTypeOf,
  type Case,
  type CaseStore,
  type Clock,
  ContextGraph,
  type EvidenceRecord,
  type Governance,
  type GovernanceFactsInput,
  type GraphNodeId,
  type GraphStore,
  governanceFrom,
  type IdSource,
  type RunState,
  tryParseObservable,
  entityKinds,
} from '@rampart/core';
import type { RunObserver } from '../runtime/agent-runner.js';

const entityKindSet: ReadonlySet<string> = new Set(entityKinds);

/** The case's entity keys that name graph nodes (`user:…`, `host:…`, `domain:…`), canonicalised like alert observables. */
export function graphEntitiesOf(entities: readonly string[]): GraphNodeId[] {
  const ids = new Set<GraphNodeId>();
  for (const entity of entities) {
    const separator = entity.indexOf(':');
    const kind = entity.slice(0, separator);
    if (separator <= 0 || !entityKindSet.has(kind)) continue;
    const parsed = tryParseObservable(kind as (typeof entityKinds)[number], entity.slice(separator + 1));
    if (parsed.ok) ids.add(`${kind}:${parsed.entity.value}` as GraphNodeId);
  }
  return [...ids];
}

/** Which reputation a lookup's capability speaks about, and the entity kind of its subject. */
const reputationKinds: Readonly<Record<string, (typeof entityKinds)[number]>> = {
  'ip.reputation': 'ip',
  'domain.reputation': 'domain',
  'url.reputation': 'url',
  'hash.reputation': 'hash',
};

/** The first string value of an input that parses as an observable of `kind`. */
function subjectOf(input: unknown, kind: (typeof entityKinds)[number]): string | undefined {
  const values: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 3) return;
    if (typeof value === 'string') values.push(value);
    else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (typeof value === 'object' && value !== null)
      for (const item of Object.values(value)) visit(item, depth + 1);
  };
  visit(input, 0);
  for (const value of values) {
    const parsed = tryParseObservable(kind, value);
    if (parsed.ok) return parsed.entity.value;
  }
  return undefined;
}

/** The worst rating a reputation answer states, read the way analysts do: malicious over suspicious over clean. */
function ratingOf(output: unknown): string | undefined {
  const text = JSON.stringify(output ?? '').toLowerCase();
  if (/"(verdict|reputation|classification)":"(malicious|phishing|malware)"|"malicious":[1-9]/.test(text))
    return 'malicious';
  if (/"(verdict|reputation|classification)":"suspicious"|"suspicious":[1-9]/.test(text)) return 'suspicious';
  if (/"(verdict|reputation|classification)":"(benign|clean|harmless)"/.test(text)) return 'benign';
  return undefined;
}

/**
 * A case's governance from the context graph: the critical, VIP and internal-only nodes among its entities, each
 * also under the vendor ids the case's alerts give the same host or account (an EDR's device id, an IdP's user id),
 * since an action names the entity by the id its vendor knows.
 */
export async function graphGovernanceOf(
  graph: ContextGraph,
  caseRecord: Case,
  alerts: readonly Alert[],
): Promise<Governance> {
  const ids = graphEntitiesOf(caseRecord.entities);
  if (ids.length === 0) return governanceFrom({});
  const nodes = await graph.store.getNodes(graph.tenantId, ids);
  const facts: Required<GovernanceFactsInput> = { criticalAssets: [], vips: [], internalOnly: [] };
  const vendorIds = (node: { id: string }): string[] => {
    const value = node.id.slice(node.id.indexOf(':') + 1).toLowerCase();
    const short = value.split('.')[0]!;
    const found: string[] = [];
    for (const alert of alerts) {
      const loose = alert as Record<string, unknown>;
      for (const candidate of [loose.device, loose.user, (loose.actor as Record<string, unknown> | undefined)?.user]) {
        if (typeof candidate !== 'object' || candidate === null) continue;
        const record = candidate as Record<string, unknown>;
        const names = [record.hostname, record.name, record.email_addr]
          .filter((name): name is string => typeof name === 'string')
          .map((name) => name.toLowerCase());
        if (typeof record.uid === 'string' && names.some((name) => name === value || name === short)) {
          found.push(record.uid);
        }
      }
    }
    return found;
  };
  for (const node of nodes) {
    const governance = node.governance;
    if (governance === undefined) continue;
    const entries = [node.id, ...vendorIds(node)];
    if (governance.criticality === 'critical') facts.criticalAssets.push(...entries);
    if (governance.vip === true) facts.vips.push(...entries);
    if (governance.classification !== undefined && governance.classification !== 'public') {
      facts.internalOnly.push(...entries);
    }
  }
  return governanceFrom(facts);
}

/** Both governances: a value governed by either is governed. */
export function combinedGovernance(first: Governance, second: Governance): Governance {
  return { match: (values) => [...first.match(values), ...second.match(values)] };
}

export interface GraphRecorderOptions {
  store: GraphStore;
  cases: CaseStore;
  clock: Clock;
  ids: IdSource;
}

/**
 * Writes what a SOC run decides and learns into the tenant's context graph: tool results (reputations, with the
 * call, connector and audit leaf as provenance), the agents' verdicts and actions as decision-trace nodes linked to
 * the case's entities, and analysts' approvals through `recordFeedback` (done by `createSoc`).
 */
export function graphRecorder(options: GraphRecorderOptions): RunObserver & {
  graphOf(tenantId: string): ContextGraph;
  alertTypeOfCase(state: { tenantId: string; caseId: string }): Promise<string | undefined>;
} {
  const graphOf = (tenantId: string) => new ContextGraph({ store: options.store, tenantId, clock: options.clock });
  const caseOf = async (state: RunState) => options.cases.getCase(state.tenantId, state.caseId);
  const alertTypeOfCase = async (state: { tenantId: string; caseId: string }) => {
    const record = await options.cases.getCase(state.tenantId, state.caseId);
    if (record === null || record.alertIds.length === 0) return undefined;
    const [first] = await options.cases.getAlerts(state.tenantId, record.alertIds.slice(0, 1));
    return first === undefined ? undefined : alertTypeOf(first.alert);
  };
  return {
    graphOf,
    alertTypeOfCase,
    async toolRan(state, agent, evidence: EvidenceRecord, auditLeafIndex) {
      const graph = graphOf(state.tenantId);
      const provenance = {
        tool: evidence.tool,
        toolCallId: evidence.toolCallId,
        at: evidence.at,
        caseId: state.caseId,
        actor: { type: 'agent' as const, id: agent.name },
        ...(evidence.connectorId !== undefined && { connectorId: evidence.connectorId }),
        ...(auditLeafIndex !== undefined && { auditLeafIndex }),
      };
      if (evidence.risk !== 'read') {
        const record = await caseOf(state);
        await graph.recordDecision({
          id: options.ids.next('decision'),
          at: evidence.at,
          trace: {
            type: 'action',
            caseId: state.caseId,
            decidedBy: { type: 'agent', id: agent.name },
            rationale: `${evidence.tool} ${evidence.status} on case ${state.caseId}`,
            ...(await alertTypeOfCase(state).then((type) => (type === undefined ? {} : { alertType: type }))),
            action: {
              tool: evidence.tool,
              risk: evidence.risk,
              outcome:
                evidence.status === 'executed' ? 'executed' : evidence.status === 'failed' ? 'failed' : 'proposed',
            },
            evidence: graphEntitiesOf(record?.entities ?? []),
          },
          provenance: {
            source: 'agent',
            tool: evidence.tool,
            toolCallId: evidence.toolCallId,
            caseId: state.caseId,
            actor: { type: 'agent', id: agent.name },
            ...(evidence.connectorId !== undefined && { connectorId: evidence.connectorId }),
            ...(auditLeafIndex !== undefined && { auditLeafIndex }),
          },
        });
        return;
      }
      if (evidence.status !== 'executed') return;
      const capability = evidence.capabilities.find((each) => reputationKinds[each] !== undefined);
      if (capability === undefined) return;
      const kind = reputationKinds[capability]!;
      const value = subjectOf(evidence.input, kind);
      const reputation = ratingOf(evidence.output);
      if (value === undefined || reputation === undefined) return;
      await graph.recordToolResult({ entities: [{ kind, value, attributes: { reputation } }] }, provenance);
    },
    async verdictSet(state, agent, verdict) {
      const record = await caseOf(state);
      const alertType = await alertTypeOfCase(state);
      await graphOf(state.tenantId).recordDecision({
        id: options.ids.next('decision'),
        trace: {
          type: 'verdict',
          caseId: state.caseId,
          decidedBy: { type: 'agent', id: agent.name },
          rationale: verdict.rationale ?? `verdict ${verdict.verdict}`,
          verdict: verdict.verdict,
          confidence: verdict.confidence,
          ...(alertType !== undefined && { alertType }),
          evidence: graphEntitiesOf(record?.entities ?? []),
        },
      });
    },
  };
}
