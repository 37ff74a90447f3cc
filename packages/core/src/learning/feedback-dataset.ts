import { z } from 'zod';
import { Verdict } from '../cases/timeline.js';
import { RampartError } from '../errors.js';
import type { ContextGraph } from '../graph/context-graph.js';
import { decisionNodeId } from '../graph/graph-fact.js';
import { feedbackKinds } from './feedback.js';

/**
 * One line of the feedback dataset: an agent decision and what an analyst said about it. The schema is documented
 * in docs/feedback-dataset.md; `schemaVersion` rises whenever a field changes meaning.
 */
export const FeedbackDatasetRecord = z.strictObject({
  schemaVersion: z.literal(1),
  tenantId: z.string(),
  caseId: z.string(),
  feedbackId: z.string(),
  /** Epoch milliseconds of the feedback. */
  at: z.number().int().nonnegative(),
  alertType: z.string().nullable(),
  analyst: z.string(),
  kind: z.enum(feedbackKinds),
  agreed: z.boolean(),
  rationale: z.string(),
  /** The verdict the analyst confirmed or set, when the feedback is about a verdict. */
  analystVerdict: Verdict.nullable(),
  /** The tool of the action approved or denied. */
  tool: z.string().nullable(),
  /** The agent decision reviewed, as the graph holds it, or `null` when it is not in the graph. */
  agentDecision: z
    .strictObject({
      decisionId: z.string(),
      agent: z.string(),
      type: z.enum(['verdict', 'action', 'feedback']),
      verdict: Verdict.nullable(),
      confidence: z.number().nullable(),
      tool: z.string().nullable(),
      rationale: z.string(),
      evidence: z.array(z.string()),
    })
    .nullable(),
  /** Node ids the analyst looked at. */
  evidence: z.array(z.string()),
});
export type FeedbackDatasetRecord = z.infer<typeof FeedbackDatasetRecord>;

/**
 * The analyst feedback of one tenant as dataset records, oldest first: what the agent decided, on which
 * evidence, and whether the analyst agreed. `since`/`until` bound the feedback time (inclusive, exclusive).
 */
export async function feedbackDataset(
  graph: ContextGraph,
  options: { since?: number; until?: number; limit?: number } = {},
): Promise<FeedbackDatasetRecord[]> {
  const nodes = await graph.store.findNodes(graph.tenantId, {
    allTime: true,
    kinds: ['decision'],
    attributes: { decisionType: 'feedback' },
    limit: options.limit ?? 100_000,
  });
  const inRange = nodes.filter(
    (node) =>
      node.decision?.feedback !== undefined &&
      (options.since === undefined || node.validFrom >= options.since) &&
      (options.until === undefined || node.validFrom < options.until),
  );
  const reviewedIds = inRange.flatMap((node) =>
    node.decision?.feedback?.reviews === undefined ? [] : [decisionNodeId(node.decision.feedback.reviews)],
  );
  const reviewed = new Map(
    (await graph.store.getNodes(graph.tenantId, reviewedIds, { allTime: true })).map((node) => [node.id, node]),
  );
  return inRange
    .sort((a, b) => a.validFrom - b.validFrom || (a.id < b.id ? -1 : 1))
    .map((node): FeedbackDatasetRecord => {
      const trace = node.decision!;
      const feedback = trace.feedback!;
      const agent =
        feedback.reviews === undefined ? undefined : reviewed.get(decisionNodeId(feedback.reviews))?.decision;
      return {
        schemaVersion: 1,
        tenantId: graph.tenantId,
        caseId: trace.caseId,
        feedbackId: node.id.slice('decision:'.length),
        at: node.validFrom,
        alertType: trace.alertType ?? agent?.alertType ?? null,
        analyst: trace.decidedBy.id,
        kind: feedback.kind,
        agreed: feedback.agreed,
        rationale: trace.rationale,
        analystVerdict: feedback.kind.startsWith('verdict-') ? (trace.verdict ?? agent?.verdict ?? null) : null,
        tool: trace.action?.tool ?? null,
        agentDecision:
          agent === undefined
            ? null
            : {
                decisionId: feedback.reviews!,
                agent: agent.decidedBy.id,
                type: agent.type,
                verdict: agent.verdict ?? null,
                confidence: agent.confidence ?? null,
                tool: agent.action?.tool ?? null,
                rationale: agent.rationale,
                evidence: agent.evidence,
              },
        evidence: trace.evidence,
      };
    });
}

/** Records as JSON Lines: one JSON object per line, each ending in `\n`. */
export function toJsonLines(records: readonly FeedbackDatasetRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/** Parses JSON Lines written by `toJsonLines`, validating each record; a bad line throws naming its number. */
export function parseFeedbackJsonLines(text: string): FeedbackDatasetRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new FeedbackDatasetError(index + 1, error instanceof Error ? error.message : String(error));
      }
      const parsed = FeedbackDatasetRecord.safeParse(value);
      if (!parsed.success)
        throw new FeedbackDatasetError(
          index + 1,
          parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
        );
      return parsed.data;
    });
}

/** A line of a feedback dataset is not a valid record. */
export class FeedbackDatasetError extends RampartError {
  override readonly name = 'FeedbackDatasetError';
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`Feedback dataset line ${line}: ${reason}`);
  }
  static override isInstance(value: unknown): value is FeedbackDatasetError {
    return RampartError.isInstance(value) && value.name === 'FeedbackDatasetError';
  }
}
