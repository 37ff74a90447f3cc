import { z } from 'zod';
import { JsonValue } from '../audit/audit-event.js';
import { Actor, Verdict } from '../cases/timeline.js';
import { type EntityKey, entityKinds } from '../observables/entity.js';
import { Risk } from '../tools/risk.js';

/**
 * The context graph's facts. A node is a canonical entity (its id is the entity key, `ip:203.0.113.7`), or a
 * case, alert, decision or policy (`case:case_000042`). An edge is a typed relation between two nodes. Every
 * fact carries the five dimensions: temporal (`validFrom`/`validTo`, `observedAt`), provenance, semantic (`kind`,
 * `relation`), governance (on nodes) and decision trace (on decision nodes).
 */

/** Node kinds: every entity kind, plus the SOC's own records. */
export const graphNodeKinds = [...entityKinds, 'case', 'alert', 'decision', 'policy'] as const;
export const GraphNodeKind = z.enum(graphNodeKinds);
export type GraphNodeKind = z.infer<typeof GraphNodeKind>;

/** `kind:value`: an entity key for entities, `case:<id>`, `alert:<id>`, `decision:<id>`, `policy:<id>` otherwise. */
export type GraphNodeId = EntityKey | `${'case' | 'alert' | 'decision' | 'policy'}:${string}`;

export const GraphNodeId = z
  .string()
  .max(4096)
  .refine((id) => {
    const separator = id.indexOf(':');
    return (
      separator > 0 &&
      separator < id.length - 1 &&
      (graphNodeKinds as readonly string[]).includes(id.slice(0, separator))
    );
  }, 'must be "<kind>:<value>" with a known node kind') as unknown as z.ZodType<GraphNodeId, GraphNodeId>;

export const caseNodeId = (caseId: string): GraphNodeId => `case:${caseId}`;
export const alertNodeId = (alertId: string): GraphNodeId => `alert:${alertId}`;
export const decisionNodeId = (decisionId: string): GraphNodeId => `decision:${decisionId}`;
export const policyNodeId = (policyId: string): GraphNodeId => `policy:${policyId}`;

/** The kind named by a node id's prefix. */
export function kindOfNodeId(id: GraphNodeId): GraphNodeKind {
  return id.slice(0, id.indexOf(':')) as GraphNodeKind;
}

/**
 * Typed relations, read `from relation to`. Entity relations come from alerts and tool results; the last group
 * links the SOC's own records (cases, alerts, decisions, policies) to entities and to each other.
 */
export const graphRelations = [
  /** user owns host, mailbox or cloud resource. */
  'owns',
  /** user logged on to host. */
  'logged-on-to',
  /** host resolved domain. */
  'resolved',
  /** domain resolves to ip. */
  'resolves-to',
  /** host connected to ip, domain or url. */
  'connected-to',
  /** host ran process or file. */
  'executed',
  /** file has hash. */
  'has-hash',
  /** url is on domain. */
  'on-domain',
  /** email or mailbox message contains url, file or hash. */
  'contains',
  /** email or mailbox sent to email or mailbox. */
  'sent-to',
  /** key, account, mailbox or cloud resource belongs to user. */
  'belongs-to',
  /** host or ip is a member of a group, network or cloud resource. */
  'member-of',
  /** alert names entity (the alert's observables). */
  'names',
  /** case includes alert. */
  'includes',
  /** decision was made on case. */
  'decided-on',
  /** decision used node as evidence. */
  'used-evidence',
  /** decision (feedback) confirms or overrides an earlier decision. */
  'reviews',
  /** policy applies to node. */
  'applies-to',
] as const;
export const GraphRelation = z.enum(graphRelations);
export type GraphRelation = z.infer<typeof GraphRelation>;

/** Where a fact came from: the tool call, connector, alert or person that produced it, and its audit leaf. */
export const Provenance = z.strictObject({
  source: z.enum(['alert', 'tool-call', 'analyst', 'agent', 'system', 'import']),
  /** The tenant whose data produced the fact; always the tenant the fact is written for. */
  tenantId: z.string().min(1),
  connectorId: z.string().min(1).optional(),
  tool: z.string().min(1).optional(),
  toolCallId: z.string().min(1).optional(),
  alertId: z.string().min(1).optional(),
  caseId: z.string().min(1).optional(),
  actor: Actor.optional(),
  /** Index of the audit leaf that records the call or decision that produced the fact. */
  auditLeafIndex: z.number().int().nonnegative().optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const classifications = ['public', 'internal', 'confidential', 'restricted'] as const;
export const criticalities = ['low', 'medium', 'high', 'critical'] as const;

/** What the tenant says about a node: how sensitive, how critical, whose, and which policies apply to it. */
export const NodeGovernance = z.strictObject({
  classification: z.enum(classifications).optional(),
  criticality: z.enum(criticalities).optional(),
  owner: z.string().min(1).optional(),
  vip: z.boolean().optional(),
  /** Ids of the policies that apply to the node. */
  policies: z.array(z.string().min(1)).optional(),
});
export type NodeGovernance = z.infer<typeof NodeGovernance>;

/** The decision trace of a decision node: what was decided, by whom, why, and on which evidence. */
export const DecisionTrace = z.strictObject({
  /** `verdict` and `action` are the agent's or analyst's decisions; `feedback` is an analyst reviewing one. */
  type: z.enum(['verdict', 'action', 'feedback']),
  caseId: z.string().min(1),
  decidedBy: Actor,
  rationale: z.string().min(1),
  /** The alert type of the case (see `alertTypeOf`), for precedents and earned autonomy. */
  alertType: z.string().min(1).optional(),
  verdict: Verdict.optional(),
  confidence: z.number().min(0).max(1).optional(),
  action: z
    .strictObject({
      tool: z.string().min(1),
      risk: Risk.optional(),
      outcome: z.enum(['proposed', 'executed', 'approved', 'denied', 'failed']),
    })
    .optional(),
  feedback: z
    .strictObject({
      kind: z.enum(['verdict-confirmed', 'verdict-overridden', 'action-approved', 'action-denied']),
      /** The decision reviewed. */
      reviews: z.string().min(1).optional(),
      /** Whether the analyst agreed with the agent. */
      agreed: z.boolean(),
    })
    .optional(),
  /** Node ids of the evidence the decision used; the same links are `used-evidence` edges. */
  evidence: z.array(z.string().min(1)).default([]),
});
export type DecisionTrace = z.output<typeof DecisionTrace>;
export type DecisionTraceInput = z.input<typeof DecisionTrace>;

/** When a fact held and when Rampart learned it (epoch milliseconds). `validTo` is exclusive; `null` = still holds. */
const temporal = {
  validFrom: z.number().int().nonnegative(),
  validTo: z.number().int().nonnegative().nullable().default(null),
  observedAt: z.number().int().nonnegative(),
};

const checkValidity = (fact: { validFrom: number; validTo: number | null }, context: z.RefinementCtx) => {
  if (fact.validTo !== null && fact.validTo <= fact.validFrom) {
    context.addIssue({ code: 'custom', path: ['validTo'], message: 'must be after validFrom' });
  }
};

/** One version of a node. A node's versions are told apart by `validFrom`; the newest visible one is its state. */
export const GraphNode = z
  .strictObject({
    id: GraphNodeId,
    kind: GraphNodeKind,
    /** A short human label, e.g. a case title or a display name. */
    label: z.string().max(1024).optional(),
    attributes: z.record(z.string(), JsonValue).default({}),
    governance: NodeGovernance.optional(),
    decision: DecisionTrace.optional(),
    ...temporal,
    provenance: Provenance,
  })
  .superRefine((node, context) => {
    checkValidity(node, context);
    if (kindOfNodeId(node.id) !== node.kind) {
      context.addIssue({ code: 'custom', path: ['kind'], message: `does not match the id prefix of ${node.id}` });
    }
    if ((node.kind === 'decision') !== (node.decision !== undefined)) {
      context.addIssue({ code: 'custom', path: ['decision'], message: 'is required on, and only on, decision nodes' });
    }
  });
export type GraphNode = z.output<typeof GraphNode>;
export type GraphNodeInput = z.input<typeof GraphNode>;

/** One version of a relation. An edge is identified by `from`, `relation`, `to` and `validFrom`. */
export const GraphEdge = z
  .strictObject({
    from: GraphNodeId,
    relation: GraphRelation,
    to: GraphNodeId,
    attributes: z.record(z.string(), JsonValue).default({}),
    ...temporal,
    provenance: Provenance,
  })
  .superRefine(checkValidity);
export type GraphEdge = z.output<typeof GraphEdge>;
export type GraphEdgeInput = z.input<typeof GraphEdge>;

/** `from|relation|to`: the identity of a relation regardless of when it held. */
export function relationKey(edge: Pick<GraphEdge, 'from' | 'relation' | 'to'>): string {
  return `${edge.from}|${edge.relation}|${edge.to}`;
}
