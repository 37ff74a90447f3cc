import { z } from 'zod';
import { type Clock, systemClock } from '../clock.js';
import { RampartError } from '../errors.js';
import { findPrecedents } from '../learning/precedents.js';
import { entityKinds } from '../observables/entity.js';
import { tryParseObservable } from '../observables/parse-observable.js';
import type { Policy } from '../policies/policy.js';
import { type AnyTool, defineTool, type ToolCallContext } from '../tools/define-tool.js';
import { ContextGraph } from './context-graph.js';
import { GraphRelation, type GraphNodeId, graphNodeKinds } from './graph-fact.js';
import type { GraphStore } from './graph-store.js';

/** A context-graph tool was called without the tenant the runtime must supply. */
export class GraphToolTenantError extends RampartError {
  override readonly name = 'GraphToolTenantError';
  constructor(readonly tool: string) {
    super(`${tool} needs the call's tenantId from the runtime context; a model can never choose the tenant`);
  }
  static override isInstance(value: unknown): value is GraphToolTenantError {
    return RampartError.isInstance(value) && value.name === 'GraphToolTenantError';
  }
}

const entityKindSet: ReadonlySet<string> = new Set(entityKinds);
const nodeKindSet: ReadonlySet<string> = new Set(graphNodeKinds);

/**
 * `kind:value` as a model writes it (`host:DC-01`, `ip:203.0.113.7`, `url:hxxps://evil[.]example`), canonicalised
 * like alert observables so it names the same node the alerts created.
 */
export const NodeReference = z
  .string()
  .min(3)
  .max(2048)
  .transform((text, context) => {
    const separator = text.indexOf(':');
    const kind = text.slice(0, separator).trim().toLowerCase();
    const value = text.slice(separator + 1).trim();
    if (separator <= 0 || !nodeKindSet.has(kind) || value.length === 0) {
      context.addIssue({
        code: 'custom',
        message: `must be "<kind>:<value>" with kind one of ${graphNodeKinds.join(', ')}`,
      });
      return z.NEVER;
    }
    if (!entityKindSet.has(kind)) return `${kind}:${value}` as GraphNodeId;
    const parsed = tryParseObservable(kind as (typeof entityKinds)[number], value);
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', message: `${kind} "${value}": ${parsed.issue.message}` });
      return z.NEVER;
    }
    return `${kind}:${parsed.entity.value}` as GraphNodeId;
  });

const asOf = z.number().int().nonnegative().optional().describe('Epoch milliseconds: answer with what was known then.');
const JsonRecord = z.record(z.string(), z.unknown());

export interface ContextGraphToolsOptions {
  store: GraphStore;
  /** The policies `getApplicablePolicies` reports from (usually the gate's). */
  policies?: readonly Policy[];
  clock?: Clock;
}

/**
 * The context graph as read-only tools for agents: entity profile, neighbourhood, history, applicable policies and
 * precedents. The tenant always comes from the runtime's `ToolCallContext.tenantId`, never from the model's input,
 * and answers are compact summaries, so a model never reads raw tables.
 */
export function contextGraphTools(options: ContextGraphToolsOptions): Record<string, AnyTool> {
  const graphFor = (tool: string, context: ToolCallContext) => {
    if (context.tenantId === undefined || context.tenantId.length === 0) throw new GraphToolTenantError(tool);
    return new ContextGraph({ store: options.store, tenantId: context.tenantId, clock: options.clock ?? systemClock });
  };
  const scope = (time: number | undefined) => (time === undefined ? {} : { asOf: time });

  const getEntityProfile = defineTool({
    name: 'getEntityProfile',
    description:
      'What the context graph knows about one entity (user, host, ip, domain, url, hash, file, mailbox, cloud resource): its governance (criticality, VIP, owner, classification), relations, the alerts and cases that named it, and the decisions made on those cases. Name the entity as kind:value, e.g. host:dc-01 or ip:203.0.113.7.',
    input: z.strictObject({ entity: NodeReference, asOf }),
    output: JsonRecord,
    risk: 'read',
    idempotent: true,
    async execute(input, context) {
      const profile = await graphFor('getEntityProfile', context).profile(input.entity, scope(input.asOf));
      if (profile === null) return { found: false, entity: input.entity };
      return {
        found: true,
        entity: profile.node.id,
        ...(profile.node.label !== undefined && { label: profile.node.label }),
        attributes: profile.node.attributes,
        governance: profile.governance,
        firstSeenAt: profile.firstSeenAt,
        lastObservedAt: profile.lastObservedAt,
        relations: profile.relations.slice(0, 50),
        alertCount: profile.alertIds.length,
        caseIds: profile.caseIds.slice(0, 20),
        decisions: profile.decisions.slice(0, 10).map((decision) => ({
          caseId: decision.trace.caseId,
          type: decision.trace.type,
          decidedBy: `${decision.trace.decidedBy.type}:${decision.trace.decidedBy.id}`,
          ...(decision.trace.verdict !== undefined && { verdict: decision.trace.verdict }),
          rationale: decision.trace.rationale,
          at: decision.at,
        })),
      };
    },
  });

  const getEntityNeighbourhood = defineTool({
    name: 'getEntityNeighbourhood',
    description:
      'Entities related to one entity, up to a few hops out (default 2): who owns a host, what it resolved or connected to, which alerts named it. Optionally only some relations. Name the entity as kind:value.',
    input: z.strictObject({
      entity: NodeReference,
      hops: z.number().int().min(1).max(3).default(2),
      relations: z.array(GraphRelation).optional(),
      asOf,
    }),
    output: JsonRecord,
    risk: 'read',
    idempotent: true,
    async execute(input, context) {
      const neighbourhood = await graphFor('getEntityNeighbourhood', context).neighbourhood(input.entity, {
        hops: input.hops,
        ...(input.relations !== undefined && { relations: input.relations }),
        ...scope(input.asOf),
        maxEdgesPerHop: 200,
      });
      return {
        center: neighbourhood.center,
        nodes: neighbourhood.nodes.map((node) => ({
          id: node.id,
          ...(node.label !== undefined && { label: node.label }),
          ...(node.governance !== undefined && { governance: node.governance }),
        })),
        edges: neighbourhood.edges.map((edge) => ({
          from: edge.from,
          relation: edge.relation,
          to: edge.to,
          since: edge.validFrom,
        })),
        truncated: neighbourhood.truncated,
      };
    },
  });

  const getEntityHistory = defineTool({
    name: 'getEntityHistory',
    description:
      'The history of one entity in time order: each change of what is known about it (governance, attributes) and each relation it took part in, with where each fact came from. Name the entity as kind:value.',
    input: z.strictObject({ entity: NodeReference, limit: z.number().int().min(1).max(200).default(50) }),
    output: JsonRecord,
    risk: 'read',
    idempotent: true,
    async execute(input, context) {
      const history = await graphFor('getEntityHistory', context).history(input.entity);
      return {
        entity: input.entity,
        total: history.length,
        entries: history.slice(-input.limit).map((entry) =>
          entry.type === 'version'
            ? {
                at: entry.at,
                type: 'version',
                governance: entry.node.governance ?? {},
                attributes: entry.node.attributes,
                source: entry.node.provenance.source,
                ...(entry.node.provenance.tool !== undefined && { tool: entry.node.provenance.tool }),
              }
            : {
                at: entry.at,
                type: 'relation',
                relation: `${entry.edge.from} ${entry.edge.relation} ${entry.edge.to}`,
                until: entry.edge.validTo,
                source: entry.edge.provenance.source,
              },
        ),
      };
    },
  });

  const getApplicablePolicies = defineTool({
    name: 'getApplicablePolicies',
    description:
      'The governance policies that apply to one entity (for example: critical servers are never isolated without approval, VIP accounts need tier-3 approval), and why. Check before proposing an action on it. Name the entity as kind:value.',
    input: z.strictObject({ entity: NodeReference, asOf }),
    output: JsonRecord,
    risk: 'read',
    idempotent: true,
    async execute(input, context) {
      const applicable = await graphFor('getApplicablePolicies', context).applicablePolicies(
        input.entity,
        options.policies ?? [],
        scope(input.asOf),
      );
      return {
        entity: input.entity,
        policies: applicable.map((entry) => ({
          id: entry.policy.id,
          version: entry.policy.version,
          description: entry.policy.description,
          source: entry.source,
        })),
      };
    },
  });

  const findCasePrecedents = defineTool({
    name: 'findPrecedents',
    description:
      'Past cases most like this one that an analyst decided, with what the analyst decided and a sentence to cite ("decided like case X, where the analyst ..."). Give the case id, its alert type if known, and its entities as kind:value.',
    input: z.strictObject({
      caseId: z.string().min(1),
      alertType: z.string().min(1).optional(),
      entities: z.array(NodeReference).max(100),
      limit: z.number().int().min(1).max(10).default(3),
      asOf,
    }),
    output: JsonRecord,
    risk: 'read',
    idempotent: true,
    async execute(input, context) {
      const precedents = await findPrecedents(graphFor('findPrecedents', context), {
        caseId: input.caseId,
        entities: input.entities,
        limit: input.limit,
        ...(input.alertType !== undefined && { alertType: input.alertType }),
        ...scope(input.asOf),
      });
      return {
        precedents: precedents.map((precedent) => ({
          caseId: precedent.caseId,
          score: precedent.score,
          sameAlertType: precedent.sameAlertType,
          sharedEntities: precedent.sharedEntities,
          similarEntities: precedent.similarEntities,
          outcome: precedent.outcome,
          citation: precedent.citation,
        })),
      };
    },
  });

  return {
    getEntityProfile,
    getEntityNeighbourhood,
    getEntityHistory,
    getApplicablePolicies,
    findPrecedents: findCasePrecedents,
  };
}
