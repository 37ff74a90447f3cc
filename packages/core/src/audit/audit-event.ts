import { z } from 'zod';
import { Actor } from '../cases/timeline.js';

/** JSON values only: audit leaves are hashed as RFC 8785 canonical JSON, which has no `undefined`, dates or NaN. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number().refine(Number.isFinite, 'must be a finite number'),
    z.string(),
    z.array(JsonValue),
    z.record(z.string(), JsonValue),
  ]),
);

/** One decision or action, as it becomes an audit leaf. */
export const AuditEvent = z.object({
  /** Noun-verb, e.g. `case-created`, `alert-added`, `tool-called`, `approval-decided`. */
  type: z.string().min(1),
  /** Epoch milliseconds. */
  at: z.number().int().nonnegative(),
  tenantId: z.string().min(1),
  caseId: z.string().optional(),
  actor: Actor,
  data: JsonValue,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** Where audit events go. `AuditLog` implements it; engines depend on this narrow interface only. */
export interface AuditSink {
  /** Appends all events atomically, in order; returns their leaf indexes. */
  appendMany(events: readonly AuditEvent[]): Promise<number[]>;
}
