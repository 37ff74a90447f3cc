import { z } from 'zod';
import type { AuditEvent, AuditSink } from '../audit/audit-event.js';
import { type Clock, systemClock } from '../clock.js';
import { RampartError } from '../errors.js';
import { parseOrThrow } from '../validation.js';

/**
 * When an agent earns the right to run an action without approval, per alert type and action: analysts must
 * have agreed with at least `grantRate` of the last `window` decisions, over at least `minimumDecisions`; once
 * granted, `revokeAfterDisagreements` disagreements within the window revoke it (one by default).
 */
export const AutonomyRule = z
  .strictObject({
    window: z.number().int().positive().default(20),
    minimumDecisions: z.number().int().positive().default(10),
    grantRate: z.number().gt(0).max(1).default(0.95),
    revokeAfterDisagreements: z.number().int().positive().default(1),
  })
  .refine((rule) => rule.minimumDecisions <= rule.window, {
    path: ['minimumDecisions'],
    message: 'cannot exceed the window',
  });
export type AutonomyRule = z.output<typeof AutonomyRule>;
export type AutonomyRuleInput = z.input<typeof AutonomyRule>;

/** One analyst outcome on an agent decision. */
export interface AutonomyOutcome {
  tenantId: string;
  alertType: string;
  /** The tool (or verdict kind, e.g. `verdict:benign`) the agent decided. */
  action: string;
  agreed: boolean;
  /** The feedback decision that recorded it. */
  decisionId: string;
  caseId?: string;
  analyst?: string;
}

export interface AutonomyStatus {
  tenantId: string;
  alertType: string;
  action: string;
  granted: boolean;
  /** Decisions in the window, oldest first (`true` = analyst agreed). */
  recent: boolean[];
  agreementRate: number;
  /** Since when the current grant holds, when granted. */
  grantedAt?: number;
}

/** A change of autonomy, as audited. */
export interface AutonomyChange {
  type: 'autonomy-granted' | 'autonomy-revoked';
  status: AutonomyStatus;
  reason: string;
  auditLeafIndex: number;
}

const AutonomySnapshot = z.strictObject({
  version: z.literal(1),
  entries: z.array(
    z.strictObject({
      tenantId: z.string().min(1),
      alertType: z.string().min(1),
      action: z.string().min(1),
      granted: z.boolean(),
      recent: z.array(z.boolean()),
      grantedAt: z.number().int().nonnegative().optional(),
    }),
  ),
});
export type AutonomySnapshot = z.infer<typeof AutonomySnapshot>;

/** Autonomy was asked about with an empty tenant, alert type or action. */
export class AutonomyKeyError extends RampartError {
  override readonly name = 'AutonomyKeyError';
  static override isInstance(value: unknown): value is AutonomyKeyError {
    return RampartError.isInstance(value) && value.name === 'AutonomyKeyError';
  }
}

interface Entry {
  tenantId: string;
  alertType: string;
  action: string;
  granted: boolean;
  recent: boolean[];
  grantedAt?: number;
}

const keyOf = (tenantId: string, alertType: string, action: string) => JSON.stringify([tenantId, alertType, action]);

/**
 * Earned autonomy: tracks, per tenant, alert type and action, how often analysts agreed with the agent, and grants
 * or revokes the right to act without approval by `AutonomyRule`. Every grant and revocation is appended to the
 * audit log before it takes effect. State is in memory; `snapshot()` and `EarnedAutonomy.restore()` persist it.
 * The gate asks `mayActWithoutApproval`; policies that require approval (critical assets, VIPs) still apply.
 */
export class EarnedAutonomy {
  readonly rule: AutonomyRule;
  private readonly entries = new Map<string, Entry>();
  private readonly audit: AuditSink;
  private readonly clock: Clock;

  constructor(options: { audit: AuditSink; rule?: AutonomyRuleInput; clock?: Clock }) {
    this.rule = parseOrThrow(AutonomyRule, options.rule ?? {}, 'autonomy rule');
    this.audit = options.audit;
    this.clock = options.clock ?? systemClock;
  }

  /** A tracker with the state of an earlier `snapshot()`. */
  static restore(snapshot: unknown, options: ConstructorParameters<typeof EarnedAutonomy>[0]): EarnedAutonomy {
    const parsed = parseOrThrow(AutonomySnapshot, snapshot, 'autonomy snapshot');
    const autonomy = new EarnedAutonomy(options);
    for (const entry of parsed.entries) {
      autonomy.entries.set(keyOf(entry.tenantId, entry.alertType, entry.action), {
        ...entry,
        recent: entry.recent.slice(-autonomy.rule.window),
      });
    }
    return autonomy;
  }

  snapshot(): AutonomySnapshot {
    return {
      version: 1,
      entries: [...this.entries.values()].map((entry) => ({ ...entry, recent: [...entry.recent] })),
    };
  }

  mayActWithoutApproval(tenantId: string, alertType: string, action: string): boolean {
    return this.entries.get(keyOf(tenantId, alertType, action))?.granted === true;
  }

  status(tenantId: string, alertType: string, action: string): AutonomyStatus {
    const entry = this.entries.get(keyOf(tenantId, alertType, action)) ?? {
      tenantId,
      alertType,
      action,
      granted: false,
      recent: [],
    };
    return this.statusOf(entry);
  }

  /** Every tracked alert type and action of a tenant. */
  list(tenantId: string): AutonomyStatus[] {
    return [...this.entries.values()]
      .filter((entry) => entry.tenantId === tenantId)
      .map((entry) => this.statusOf(entry));
  }

  private statusOf(entry: Entry): AutonomyStatus {
    const agreed = entry.recent.filter(Boolean).length;
    return {
      tenantId: entry.tenantId,
      alertType: entry.alertType,
      action: entry.action,
      granted: entry.granted,
      recent: [...entry.recent],
      agreementRate: entry.recent.length === 0 ? 0 : agreed / entry.recent.length,
      ...(entry.grantedAt !== undefined && { grantedAt: entry.grantedAt }),
    };
  }

  /** Records one analyst outcome; returns the change of autonomy it caused (already audited), or `null`. */
  async record(outcome: AutonomyOutcome): Promise<AutonomyChange | null> {
    for (const field of ['tenantId', 'alertType', 'action', 'decisionId'] as const) {
      if (typeof outcome[field] !== 'string' || outcome[field].length === 0) {
        throw new AutonomyKeyError(`Autonomy outcome needs a non-empty ${field}`);
      }
    }
    const key = keyOf(outcome.tenantId, outcome.alertType, outcome.action);
    const current = this.entries.get(key) ?? {
      tenantId: outcome.tenantId,
      alertType: outcome.alertType,
      action: outcome.action,
      granted: false,
      recent: [],
    };
    const next: Entry = { ...current, recent: [...current.recent, outcome.agreed].slice(-this.rule.window) };
    const status = this.statusOf(next);
    const disagreements = next.recent.length - next.recent.filter(Boolean).length;
    let change: { type: AutonomyChange['type']; reason: string } | null = null;
    if (
      !next.granted &&
      next.recent.length >= this.rule.minimumDecisions &&
      status.agreementRate >= this.rule.grantRate
    ) {
      change = {
        type: 'autonomy-granted',
        reason: `analysts agreed with ${formatRate(status.agreementRate)} of the last ${next.recent.length} decisions (rule: at least ${formatRate(this.rule.grantRate)} of at least ${this.rule.minimumDecisions})`,
      };
    } else if (next.granted && !outcome.agreed && disagreements >= this.rule.revokeAfterDisagreements) {
      change = {
        type: 'autonomy-revoked',
        reason: `an analyst disagreed (decision ${outcome.decisionId}); ${disagreements} disagreement(s) in the last ${next.recent.length} decisions`,
      };
    }
    if (change === null) {
      this.entries.set(key, next);
      return null;
    }
    const at = this.clock.now();
    if (change.type === 'autonomy-granted') {
      next.granted = true;
      next.grantedAt = at;
    } else {
      next.granted = false;
      delete next.grantedAt;
      // A fresh start: autonomy is earned again over a full set of new decisions.
      next.recent = [];
    }
    const event: AuditEvent = {
      type: change.type,
      at,
      tenantId: outcome.tenantId,
      ...(outcome.caseId !== undefined && { caseId: outcome.caseId }),
      actor:
        outcome.analyst !== undefined
          ? { type: 'analyst', id: outcome.analyst }
          : { type: 'system', id: 'earned-autonomy' },
      data: {
        alertType: outcome.alertType,
        action: outcome.action,
        agreementRate: status.agreementRate,
        decisions: status.recent.length,
        decisionId: outcome.decisionId,
        reason: change.reason,
      },
    };
    // Audited first: a change that could not be recorded must not take effect.
    const [auditLeafIndex] = await this.audit.appendMany([event]);
    this.entries.set(key, next);
    return { type: change.type, status: this.statusOf(next), reason: change.reason, auditLeafIndex: auditLeafIndex! };
  }
}

function formatRate(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
