import { z } from 'zod';
import { parseOrThrow } from '../validation.js';
import { alertClassIssues, attackSubTechniqueId, attackTacticId, attackTechniqueId } from './alert-class-rules.js';
import { parseAlertFastPath } from './alert-fast-path.js';
import { SeverityId } from './severity.js';

/**
 * A normalized security signal aligned with OCSF 1.x. Field names and enum ids are OCSF's own, so an
 * alert can be handed to any OCSF consumer; `raw_data` keeps the vendor payload verbatim.
 * Objects are `loose`: OCSF attributes Rampart does not model pass through untouched.
 */

/** OCSF observable `type_id`s Rampart understands (OCSF 1.x dictionary). */
export const observableTypeIds = {
  hostname: 1,
  ipAddress: 2,
  macAddress: 3,
  userName: 4,
  emailAddress: 5,
  urlString: 6,
  fileName: 7,
  hash: 8,
  processName: 9,
  resourceUid: 10,
  port: 11,
  subnet: 12,
  commandLine: 13,
  userAgent: 16,
  endpoint: 20,
  user: 21,
  email: 22,
  url: 23,
  file: 24,
  process: 25,
  filePath: 45,
  other: 99,
} as const;

export const Observable = z.looseObject({
  /** Pointer to the attribute the value came from, e.g. `src_endpoint.ip`. */
  name: z.string().min(1),
  type_id: z.number().int().nonnegative(),
  type: z.string().optional(),
  value: z.string(),
});
export type Observable = z.infer<typeof Observable>;

export const Analytic = z.looseObject({
  uid: z.string().optional(),
  name: z.string().optional(),
  /** OCSF analytic type: 0 Unknown, 1 Rule, 2 Behavioral, 3 Statistical, 4 Learning, 5 Fingerprinting, 6 Tagging, 7 Keyword Match, 8 Regular Expressions, 9 Exact Data Match, 10 Partial Data Match, 11 Indexed Data Match, 99 Other. */
  type_id: z.number().int().nonnegative().default(0),
  type: z.string().optional(),
});

export const Attack = z.looseObject({
  tactic: z
    .looseObject({ uid: z.string().regex(attackTacticId, 'ATT&CK tactic id like TA0001'), name: z.string().optional() })
    .optional(),
  technique: z
    .looseObject({
      uid: z.string().regex(attackTechniqueId, 'ATT&CK technique id like T1566'),
      name: z.string().optional(),
    })
    .optional(),
  sub_technique: z.looseObject({ uid: z.string().regex(attackSubTechniqueId), name: z.string().optional() }).optional(),
  version: z.string().optional(),
});
export type Attack = z.infer<typeof Attack>;

export const FindingInfo = z.looseObject({
  uid: z.string().min(1),
  title: z.string().min(1),
  desc: z.string().optional(),
  types: z.array(z.string()).optional(),
  analytic: Analytic.optional(),
  created_time: z.number().int().optional(),
  first_seen_time: z.number().int().optional(),
  last_seen_time: z.number().int().optional(),
  src_url: z.string().optional(),
});

export const ResourceDetails = z.looseObject({
  uid: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  region: z.string().optional(),
  cloud_partition: z.string().optional(),
});

export const Product = z.looseObject({
  vendor_name: z.string().min(1),
  name: z.string().min(1),
  uid: z.string().optional(),
  version: z.string().optional(),
});

export const Metadata = z.looseObject({
  /** OCSF schema version the alert follows. */
  version: z.string().default('1.8.0'),
  product: Product,
  /** The vendor's own event/alert id. */
  uid: z.string().optional(),
  tenant_uid: z.string().optional(),
  original_time: z.string().optional(),
  logged_time: z.number().int().optional(),
  labels: z.array(z.string()).optional(),
});

const AlertShape = z.looseObject({
  class_uid: z.number().int().positive(),
  class_name: z.string().optional(),
  category_uid: z.number().int().positive(),
  category_name: z.string().optional(),
  activity_id: z.number().int().nonnegative().default(0),
  /** OCSF: class_uid * 100 + activity_id. */
  type_uid: z.number().int().nonnegative().optional(),
  severity_id: SeverityId,
  severity: z.string().optional(),
  /** Event time, epoch milliseconds (OCSF `timestamp_t`). */
  time: z.number().int().nonnegative(),
  message: z.string().optional(),
  status_id: z.number().int().nonnegative().optional(),
  /** Findings only (class category 2); activity classes name themselves with `message` and `metadata.uid`. */
  finding_info: FindingInfo.optional(),
  observables: z.array(Observable).default([]),
  resources: z.array(ResourceDetails).optional(),
  attacks: z.array(Attack).optional(),
  metadata: Metadata,
  /** The vendor's payload, verbatim. */
  raw_data: z.string().optional(),
  unmapped: z.record(z.string(), z.unknown()).optional(),
});

/** The structure, then the class rules (`alertClassIssues`). */
export const Alert = AlertShape.superRefine((alert, context) => {
  for (const issue of alertClassIssues(alert)) context.addIssue({ code: 'custom', ...issue });
});
export type Alert = z.infer<typeof Alert>;

/** A one-line title: the finding's title, else the event's message. */
export function alertTitle(alert: Alert): string {
  return alert.finding_info?.title ?? alert.message ?? alert.class_name ?? `OCSF class ${alert.class_uid}`;
}

/** The vendor's id of the alert: `metadata.uid`, else the finding's uid. */
export function alertUid(alert: Alert): string | undefined {
  return alert.metadata.uid || alert.finding_info?.uid;
}
export type AlertInput = z.input<typeof Alert>;

/** Parses untrusted input into an `Alert`, or throws a `ValidationError` naming each bad path. */
export function parseAlert(input: unknown): Alert {
  return parseAlertFastPath(input) ?? parseOrThrow(Alert, input, 'Alert');
}
