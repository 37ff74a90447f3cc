import { z } from 'zod';
import { JsonValue } from '../audit/audit-event.js';
import type { Actor } from '../cases/timeline.js';
import { type Entity, EntityKind, entityKey } from '../observables/entity.js';
import { tryParseObservable } from '../observables/parse-observable.js';
import { parseOrThrow } from '../validation.js';
import {
  GraphRelation,
  type GraphEdgeInput,
  type GraphNodeInput,
  NodeGovernance,
  type Provenance,
} from './graph-fact.js';
import type { GraphWrite } from './graph-store.js';

const EntityReference = z.strictObject({ kind: EntityKind, value: z.string().min(1) });

/**
 * What a tool result says about the tenant's estate, in the graph's terms: the entities it describes (with
 * attributes and governance) and the relations between them. A connector or agent maps a tool's output to this
 * shape; `factsOfToolResult` canonicalises the values and stamps the call's provenance on every fact.
 */
export const ToolResultFacts = z.strictObject({
  entities: z
    .array(
      EntityReference.extend({
        label: z.string().max(1024).optional(),
        attributes: z.record(z.string(), JsonValue).optional(),
        governance: NodeGovernance.optional(),
      }),
    )
    .default([]),
  relations: z
    .array(
      z.strictObject({
        from: EntityReference,
        relation: GraphRelation,
        to: EntityReference,
        /** When the relation started to hold; defaults to the call's time. */
        validFrom: z.number().int().nonnegative().optional(),
        validTo: z.number().int().nonnegative().nullable().optional(),
        attributes: z.record(z.string(), JsonValue).optional(),
      }),
    )
    .default([]),
});
export type ToolResultFactsInput = z.input<typeof ToolResultFacts>;

export interface ToolCallProvenance {
  tenantId: string;
  tool: string;
  toolCallId: string;
  /** When the call returned (epoch milliseconds): the facts' observation time and default validity start. */
  at: number;
  connectorId?: string;
  caseId?: string;
  actor?: Actor;
  auditLeafIndex?: number;
}

/** A value the result named that has no canonical form: left out, with the reason. */
export interface RejectedToolValue {
  path: string;
  kind: Entity['kind'];
  value: string;
  reason: string;
}

/**
 * Turns what a tool result says into graph facts. Entity values are canonicalised like alert observables; a value
 * that does not parse is left out (with the relations that use it) and reported in `rejected`, so one bad value
 * never loses the rest. Entities described with attributes or governance become a new node version; entities only
 * named by a relation are written when new.
 */
export function factsOfToolResult(
  result: ToolResultFactsInput,
  call: ToolCallProvenance,
): { facts: GraphWrite; rejected: RejectedToolValue[] } {
  const parsed = parseOrThrow(ToolResultFacts, result, `facts of tool ${call.tool}`);
  const provenance: Provenance = {
    source: 'tool-call',
    tenantId: call.tenantId,
    tool: call.tool,
    toolCallId: call.toolCallId,
    ...(call.connectorId !== undefined && { connectorId: call.connectorId }),
    ...(call.caseId !== undefined && { caseId: call.caseId }),
    ...(call.actor !== undefined && { actor: call.actor }),
    ...(call.auditLeafIndex !== undefined && { auditLeafIndex: call.auditLeafIndex }),
  };
  const rejected: RejectedToolValue[] = [];
  const canonical = (reference: { kind: Entity['kind']; value: string }, path: string) => {
    const parsedEntity = tryParseObservable(reference.kind, reference.value);
    if (parsedEntity.ok) return entityKey(parsedEntity.entity);
    const issue = parsedEntity.issue;
    rejected.push({
      path,
      kind: reference.kind,
      value: reference.value,
      reason: issue.path ? `${issue.path}: ${issue.message}` : issue.message,
    });
    return null;
  };

  const nodes: GraphNodeInput[] = [];
  parsed.entities.forEach((entity, index) => {
    const id = canonical(entity, `entities[${index}].value`);
    if (id === null) return;
    nodes.push({
      id,
      kind: entity.kind,
      ...(entity.label !== undefined && { label: entity.label }),
      ...(entity.attributes !== undefined && { attributes: entity.attributes }),
      ...(entity.governance !== undefined && { governance: entity.governance }),
      validFrom: call.at,
      observedAt: call.at,
      provenance,
    });
  });
  const ensureNodes: GraphNodeInput[] = [];
  const edges: GraphEdgeInput[] = [];
  parsed.relations.forEach((relation, index) => {
    const from = canonical(relation.from, `relations[${index}].from.value`);
    const to = canonical(relation.to, `relations[${index}].to.value`);
    if (from === null || to === null) return;
    const validFrom = relation.validFrom ?? call.at;
    for (const [id, kind] of [
      [from, relation.from.kind],
      [to, relation.to.kind],
    ] as const) {
      ensureNodes.push({ id, kind, validFrom, observedAt: call.at, provenance });
    }
    edges.push({
      from,
      relation: relation.relation,
      to,
      ...(relation.attributes !== undefined && { attributes: relation.attributes }),
      validFrom,
      validTo: relation.validTo ?? null,
      observedAt: call.at,
      provenance,
    });
  });
  return { facts: { nodes, ensureNodes, edges }, rejected };
}
