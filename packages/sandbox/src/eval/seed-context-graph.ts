import {
  alertNodeId,
  caseNodeId,
  ContextGraph,
  type GraphNodeId,
  type GraphStore,
  type JsonValue,
} from '@rampart/core';
import type { Scenario } from '../scenario/scenario.js';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Writes a scenario's `context` into a tenant's context graph, as if learnt before the scenario starts: its
 * entities (attributes, governance) from an import a year earlier, and each prior case (a case node, an alert
 * naming its entities, the analyst's verdict) on the day it was decided.
 */
export async function seedContextGraph(store: GraphStore, scenario: Scenario, tenantId: string): Promise<void> {
  const context = scenario.context;
  if (context === undefined) return;
  const graph = new ContextGraph({ store, tenantId });
  const importedAt = scenario.startAt - 365 * dayMs;
  if (context.entities.length > 0) {
    await graph.recordToolResult(
      {
        entities: context.entities.map((entity) => ({
          kind: entity.kind,
          value: entity.value,
          ...(entity.attributes !== undefined && { attributes: entity.attributes as Record<string, JsonValue> }),
          ...(entity.governance !== undefined && { governance: entity.governance }),
        })),
      },
      { tool: 'scenario-context', toolCallId: `${scenario.id}-context`, at: importedAt },
    );
  }
  for (const prior of context.priorCases) {
    const at = scenario.startAt - prior.decidedDaysBefore * dayMs;
    const provenance = { source: 'import' as const, tenantId, caseId: prior.id };
    const temporal = { validFrom: at, observedAt: at };
    const alert = alertNodeId(`${prior.id}-alert`);
    const entities = prior.entities as GraphNodeId[];
    await store.write(tenantId, {
      nodes: [
        { id: caseNodeId(prior.id), kind: 'case', attributes: {}, ...temporal, provenance },
        { id: alert, kind: 'alert', attributes: {}, ...temporal, provenance },
      ],
      ensureNodes: entities.map((id) => ({
        id,
        kind: id.slice(0, id.indexOf(':')) as never,
        attributes: {},
        ...temporal,
        provenance,
      })),
      edges: [
        { from: caseNodeId(prior.id), relation: 'includes', to: alert, ...temporal, provenance },
        ...entities.map((id) => ({ from: alert, relation: 'names' as const, to: id, ...temporal, provenance })),
      ],
    });
    await graph.recordDecision({
      id: `${prior.id}-verdict`,
      at,
      trace: {
        type: 'verdict',
        caseId: prior.id,
        decidedBy: { type: 'analyst', id: prior.analyst },
        rationale: prior.rationale,
        verdict: prior.verdict,
        evidence: entities,
      },
    });
  }
}
