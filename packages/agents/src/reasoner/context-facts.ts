import type { CaseContext } from '../runtime/case-context.js';

/**
 * Facts the rule-based reasoner reads out of the context graph's tools (`getEntityProfile`, `findPrecedents`), as
 * the evidence facts are read out of vendor tools: the planner never reasons over the raw answers.
 */

/** Entity kinds whose profile can change a verdict or an action. */
const profiledKinds = new Set(['user', 'email', 'host', 'domain', 'ip', 'url']);

/** What the graph knows about one entity of the case. */
export interface EntityProfileFact {
  /** `kind:value` as the graph names it. */
  entity: string;
  criticality?: string;
  vip?: boolean;
  /** Countries (lower-case ISO codes) the account has a sign-in history in. */
  knownCountries: string[];
  /** Analyst verdicts on earlier cases naming the entity, most recent first. */
  analystVerdicts: { caseId: string; verdict: string; rationale: string }[];
}

/** A past case an analyst decided that shares entities with this one. */
export interface PrecedentFact {
  caseId: string;
  sharedEntities: string[];
  verdict?: string;
  kind: string;
  citation: string;
}

export interface ContextFacts {
  /** The graph was consulted at all (its tools were offered and answered). */
  consulted: boolean;
  profiles: EntityProfileFact[];
  precedents: PrecedentFact[];
}

/** The case's entities worth a profile lookup, as `kind:value` (at most `limit`). */
export function profiledEntities(context: CaseContext, limit = 8): string[] {
  return context.case.entities
    .filter((entity) => profiledKinds.has(entity.slice(0, entity.indexOf(':'))))
    .slice(0, limit);
}

/** Every case entity the graph can name, for a precedent search. */
export function precedentEntities(context: CaseContext): string[] {
  return context.case.entities
    .filter((entity) => /^(ip|domain|url|email|hash|user|host|file|mailbox):/.test(entity))
    .slice(0, 100);
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function profileFact(output: Record<string, unknown>): EntityProfileFact | null {
  if (output.found !== true || typeof output.entity !== 'string') return null;
  const governance = (output.governance ?? {}) as Record<string, unknown>;
  const attributes = (output.attributes ?? {}) as Record<string, unknown>;
  const decisions = Array.isArray(output.decisions) ? (output.decisions as Record<string, unknown>[]) : [];
  return {
    entity: output.entity,
    ...(typeof governance.criticality === 'string' && { criticality: governance.criticality }),
    ...(typeof governance.vip === 'boolean' && { vip: governance.vip }),
    knownCountries: strings(attributes.signInCountries).map((country) => country.toLowerCase()),
    analystVerdicts: decisions
      .filter(
        (decision) =>
          typeof decision.decidedBy === 'string' &&
          decision.decidedBy.startsWith('analyst:') &&
          typeof decision.verdict === 'string',
      )
      .map((decision) => ({
        caseId: String(decision.caseId),
        verdict: String(decision.verdict),
        rationale: String(decision.rationale ?? ''),
      })),
  };
}

/** The context facts of the evidence so far. */
export function contextFactsOf(context: CaseContext): ContextFacts {
  const facts: ContextFacts = { consulted: false, profiles: [], precedents: [] };
  for (const record of context.evidence) {
    if (record.status !== 'executed' || typeof record.output !== 'object' || record.output === null) continue;
    const output = record.output as Record<string, unknown>;
    if (record.tool === 'getEntityProfile') {
      facts.consulted = true;
      const profile = profileFact(output);
      if (profile !== null && !facts.profiles.some((known) => known.entity === profile.entity)) {
        facts.profiles.push(profile);
      }
    } else if (record.tool === 'findPrecedents') {
      facts.consulted = true;
      for (const precedent of Array.isArray(output.precedents)
        ? (output.precedents as Record<string, unknown>[])
        : []) {
        const outcome = (precedent.outcome ?? {}) as Record<string, unknown>;
        if (typeof precedent.caseId !== 'string' || typeof precedent.citation !== 'string') continue;
        if (facts.precedents.some((known) => known.caseId === precedent.caseId)) continue;
        facts.precedents.push({
          caseId: precedent.caseId,
          sharedEntities: strings(precedent.sharedEntities),
          ...(typeof outcome.verdict === 'string' && { verdict: outcome.verdict }),
          kind: String(outcome.kind ?? ''),
          citation: precedent.citation,
        });
      }
    }
  }
  return facts;
}
