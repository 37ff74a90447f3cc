import { Verdict } from '@rampart/core';
import { z } from 'zod';

/**
 * What the tenant's context graph already knows when a scenario starts: facts about its estate (a user's travel
 * history, a host's criticality) and cases analysts decided before. Only a run with the graph sees it, so a
 * scenario with a `context` measures what context is worth.
 */
const GraphEntityKind = z.enum(['ip', 'domain', 'url', 'email', 'hash', 'user', 'host', 'file', 'mailbox']);

export const ScenarioContextEntity = z.strictObject({
  kind: GraphEntityKind,
  value: z.string().min(1),
  /** e.g. `signInCountries: [us, de]` from a year of sign-in history. */
  attributes: z.record(z.string(), z.unknown()).optional(),
  governance: z
    .strictObject({
      criticality: z.enum(['low', 'medium', 'high', 'critical']).optional(),
      vip: z.boolean().optional(),
      classification: z.enum(['public', 'internal', 'confidential', 'restricted']).optional(),
      owner: z.string().optional(),
    })
    .optional(),
  note: z.string().optional(),
});

/** A case an analyst decided before the scenario starts. */
export const ScenarioPriorCase = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case, e.g. case-1042'),
  /** How long before `startAt` the analyst decided it. */
  decidedDaysBefore: z.number().positive(),
  /** Entities its alerts named, as `kind:value` (e.g. `domain:mail.vendor.example`). */
  entities: z.array(z.string().regex(/^[a-z]+:\S+$/, 'kind:value')).min(1),
  analyst: z.string().min(1),
  verdict: Verdict,
  rationale: z.string().min(1),
});

export const ScenarioContext = z.strictObject({
  entities: z.array(ScenarioContextEntity).default([]),
  priorCases: z.array(ScenarioPriorCase).default([]),
});
export type ScenarioContext = z.output<typeof ScenarioContext>;
