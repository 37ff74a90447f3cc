import { defineTool, Verdict } from '@rampart/core';
import { z } from 'zod';

/**
 * Tools the runtime answers itself: they change the case record, not a vendor, so they are granted by the
 * agent's data scopes (`cases.verdict`, `cases.status`) rather than its tool list, and no tool of a connector may
 * take their names.
 */
export const setCaseVerdictTool = defineTool({
  name: 'setCaseVerdict',
  description:
    'Set the case verdict (true_positive, benign, false_positive or undetermined) with a confidence from 0 to 1 and a one-paragraph rationale that cites the evidence.',
  input: z.strictObject({
    verdict: Verdict,
    confidence: z.number().min(0).max(1),
    rationale: z.string().min(1).max(4000),
  }),
  output: z.object({ ok: z.boolean() }),
  risk: 'write',
  idempotent: true,
  execute: async () => ({ ok: true }),
});

export const resolveCaseTool = defineTool({
  name: 'resolveCase',
  description: 'Resolve the case once the work is done, with a summary of what was found and what was done.',
  input: z.strictObject({ summary: z.string().min(1).max(4000) }),
  output: z.object({ ok: z.boolean() }),
  risk: 'write',
  idempotent: true,
  execute: async () => ({ ok: true }),
});

export const escalateCaseTool = defineTool({
  name: 'escalateCase',
  description: 'Hand the case to a human (your escalation target) when you cannot finish it safely yourself.',
  input: z.strictObject({ reason: z.string().min(1).max(4000) }),
  output: z.object({ ok: z.boolean() }),
  risk: 'read',
  idempotent: true,
  execute: async () => ({ ok: true }),
});

export const searchToolsTool = defineTool({
  name: 'searchTools',
  description:
    'Find more of your tools by keywords (e.g. "suspend user") or capability (e.g. "user.suspend"); the tools found become callable in your next turn.',
  input: z.strictObject({
    query: z.string().max(500).optional(),
    capabilities: z.array(z.string().max(100)).max(20).optional(),
    limit: z.number().int().min(1).max(24).optional(),
  }),
  output: z.object({ tools: z.array(z.object({ name: z.string() })) }),
  risk: 'read',
  idempotent: true,
  execute: async () => ({ tools: [] }),
});

export const caseToolNames = ['setCaseVerdict', 'resolveCase', 'escalateCase', 'searchTools'] as const;
export type CaseToolName = (typeof caseToolNames)[number];

export function isCaseTool(name: string): name is CaseToolName {
  return (caseToolNames as readonly string[]).includes(name);
}
