import type { Verdict } from '@rampart/core';
import type { WorldAction } from '../world/world.js';

/**
 * What one run of a scenario did, as the scorer reads it. The eval runner builds one from a sandbox and a SOC;
 * tests (and other harnesses) can write one by hand. Plain data, JSON-ready.
 */

/** A call the SOC paused for a human, and what the human (the runner) decided. */
export interface ApprovalRecord {
  approvalId: string;
  /** The tool as the SOC named it (may be namespaced, e.g. `okta_suspendUser`). */
  tool: string;
  capabilities: string[];
  input: unknown;
  /** World entities the input names (see `World.resolveTargets`). */
  targets: string[];
  requestedAt: number;
  /** Position in the world's event order when the request was seen. */
  requestedSequence: number;
  decision: 'approved' | 'denied' | 'pending';
  decidedAt?: number;
  /** Position in the world's event order of the decision; an action executed before it was not approved. */
  decidedSequence?: number;
}

export interface RunRecord {
  scenarioId: string;
  /** Simulated time the first alert reached the SOC. */
  startedAt: number;
  /** Simulated time the run ended (finished, escalated or left waiting). */
  endedAt: number;
  /** The verdict of the case the first alert opened. */
  verdict: { value: Verdict; confidence: number } | null;
  /** Distinct cases the alerts ended up in. */
  caseCount: number;
  /** Every call the simulated vendors received, in order. */
  actions: readonly WorldAction[];
  approvals: readonly ApprovalRecord[];
  /** Tool calls the agents made (vendor tools; case tools such as setting a verdict are not counted). */
  toolCalls: number;
  modelCalls: number;
  /** How each case's run ended: `completed`, `escalated`, `paused`, `failed` … */
  runStatuses: string[];
  escalations: string[];
  errors: string[];
}
