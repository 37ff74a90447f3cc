import { z } from 'zod';
import { Risk, riskRank } from '../tools/risk.js';
import { toolNamePattern } from '../tools/define-tool.js';

/** A tool name as `defineTool` accepts it (and every model API does). */
export const ToolName = z
  .string()
  .regex(toolNamePattern, 'a tool name: a letter, then letters, digits or "_" (64 at most)');

/**
 * What an agent may do alone, what needs a human's approval, and what it may never do. A tool whose risk is
 * at or below `autonomousUpTo` runs alone; at or below `approvalUpTo` it pauses for approval; anything above
 * (or any tool in `forbiddenTools`, or outside the agent's tools) is refused. Risks order as
 * `read` < `write` < `contain` < `destructive`.
 */
export const DecisionBoundary = z
  .strictObject({
    autonomousUpTo: Risk,
    /** `null`: nothing above `autonomousUpTo` is ever asked for. */
    approvalUpTo: Risk.nullable(),
    /** Refused even when granted in `tools` and within the risk limits. */
    forbiddenTools: z.array(ToolName).default([]),
    /** Model turns before the run stops (and escalates on `limit-reached`). */
    maxSteps: z.number().int().min(1).max(1000),
    /** Tool calls before the run stops; unlimited within `maxSteps` when absent. */
    maxToolCalls: z.number().int().min(1).max(10_000).optional(),
  })
  .superRefine((boundary, context) => {
    if (boundary.approvalUpTo !== null && riskRank(boundary.approvalUpTo) < riskRank(boundary.autonomousUpTo)) {
      context.addIssue({
        code: 'custom',
        path: ['approvalUpTo'],
        message: `approvalUpTo "${boundary.approvalUpTo}" is below autonomousUpTo "${boundary.autonomousUpTo}"; use null or a risk at or above it`,
      });
    }
  });
export type DecisionBoundary = z.output<typeof DecisionBoundary>;
export type DecisionBoundaryInput = z.input<typeof DecisionBoundary>;
