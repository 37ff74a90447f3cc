import {
  defineNormalizer,
  observableTypeIds,
  ocsfClasses,
  type SeverityId,
  severityLabel,
  tryParseObservable,
} from '@rampart/core/connector';
import { z } from 'zod';

/**
 * PagerDuty incident → OCSF Detection Finding (2004). An incident is raised by monitoring (an Events API trigger,
 * an email or a person) and asks for a response, so it is a finding rather than an activity record.
 *
 * Severity: PagerDuty has no severity on incidents, but a priority (P1 highest, account-defined up to P5) and an
 * urgency (high pages at once, low does not). A priority wins when set, as it is a deliberate ranking:
 *   P1 → 5 Critical, P2 → 4 High, P3 → 3 Medium, P4 → 2 Low, P5 → 1 Informational.
 * Without one: urgency high → 4 High, low → 2 Low; neither → 0 Unknown. The triggering event's own severity
 * (critical/error/warning/info, in cef_details) is kept in unmapped, since the service's urgency rules already
 * weighed it.
 *
 * Status: triggered → 1 New, acknowledged → 2 In Progress, resolved → 4 Resolved (activity 3 Close).
 */

const Reference = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  summary: z.string().nullish(),
  html_url: z.string().nullish(),
});

const PagerdutyIncident = z.looseObject({
  type: z.literal('incident'),
  id: z.string(),
  incident_number: z.number().int().optional(),
  title: z.string().min(1),
  description: z.string().nullish(),
  status: z.string(),
  urgency: z.string().nullish(),
  // Refined here, so an unparseable timestamp is a ValidationError naming `created_at`, not a TypeError.
  created_at: z.string().refine((text) => epochMs(text) !== undefined, 'must be an ISO 8601 date-time'),
  updated_at: z.string().nullish(),
  resolved_at: z.string().nullish(),
  html_url: z.string().nullish(),
  incident_key: z.string().nullish(),
  priority: z
    .looseObject({ id: z.string().optional(), summary: z.string().nullish(), name: z.string().nullish() })
    .nullish(),
  service: Reference.nullish(),
  escalation_policy: Reference.nullish(),
  teams: z.array(Reference).nullish(),
  assignments: z.array(z.looseObject({ assignee: Reference.nullish() })).nullish(),
  first_trigger_log_entry: z
    .looseObject({
      created_at: z.string().nullish(),
      agent: Reference.nullish(),
      channel: z
        .looseObject({
          type: z.string().nullish(),
          cef_details: z
            .looseObject({
              severity: z.string().nullish(),
              source_origin: z.string().nullish(),
              source_component: z.string().nullish(),
              service_group: z.string().nullish(),
              event_class: z.string().nullish(),
              dedup_key: z.string().nullish(),
            })
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type PagerdutyIncident = z.infer<typeof PagerdutyIncident>;

const prioritySeverity: Record<string, SeverityId> = { P1: 5, P2: 4, P3: 3, P4: 2, P5: 1 };
const urgencySeverity: Record<string, SeverityId> = { high: 4, low: 2 };
const statusIds: Record<string, { status_id: number; activity_id: number }> = {
  triggered: { status_id: 1, activity_id: 1 },
  acknowledged: { status_id: 2, activity_id: 2 },
  resolved: { status_id: 4, activity_id: 3 },
};

/** The OCSF severity_id of an incident, from its priority, else its urgency (see the mapping above). */
export function pagerdutySeverityId(incident: Pick<PagerdutyIncident, 'priority' | 'urgency'>): SeverityId {
  const priority = (incident.priority?.name ?? incident.priority?.summary ?? '').trim().toUpperCase();
  return prioritySeverity[priority] ?? urgencySeverity[incident.urgency ?? ''] ?? 0;
}

function epochMs(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A value, or nothing when PagerDuty sent null, "" (blanked ids) or whitespace. */
function present(value: string | null | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

export const pagerdutyIncidentNormalizer = defineNormalizer({
  id: 'pagerduty.incident',
  connectorId: 'pagerduty',
  description: 'PagerDuty REST API v2 incident (GET /incidents, /incidents/{id}) as an OCSF Detection Finding.',
  input: PagerdutyIncident,
  // Claim anything PagerDuty calls an incident, so a malformed one fails with the bad path rather than as unknown.
  matches: (payload) =>
    typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'incident',
  normalize(incident, payload) {
    const { class_uid, class_name, category_uid, category_name } = ocsfClasses.detectionFinding;
    const status = statusIds[incident.status] ?? { status_id: 99, activity_id: 99 };
    const severityId = pagerdutySeverityId(incident);
    const created = epochMs(incident.created_at)!;
    const uid = present(incident.id) ?? (incident.incident_number !== undefined ? `#${incident.incident_number}` : '');
    const trigger = incident.first_trigger_log_entry;
    const event = trigger?.channel?.cef_details;
    const service = incident.service;

    // The Events API `source` is "the unique location of the affected system, preferably a hostname or FQDN".
    const source = present(event?.source_origin);
    const observables = source
      ? [
          tryParseObservable('ip', source).ok
            ? { name: 'device.ip', type_id: observableTypeIds.ipAddress, type: 'IP Address', value: source }
            : { name: 'device.hostname', type_id: observableTypeIds.hostname, type: 'Hostname', value: source },
        ]
      : [];
    const types = ['PagerDuty Incident', present(event?.event_class)].filter((type) => type !== undefined);
    const description = present(incident.description);
    const assignees = (incident.assignments ?? []).flatMap((assignment) =>
      present(assignment.assignee?.summary) ? [assignment.assignee!.summary!] : [],
    );

    return {
      class_uid,
      class_name,
      category_uid,
      category_name,
      activity_id: status.activity_id,
      type_uid: class_uid * 100 + status.activity_id,
      severity_id: severityId,
      severity: severityLabel(severityId),
      status_id: status.status_id,
      status: incident.status,
      time: created,
      message: incident.title,
      finding_info: {
        uid,
        title: incident.title,
        ...(description !== undefined && description !== incident.title ? { desc: description } : {}),
        types,
        ...(service
          ? {
              analytic: {
                ...(present(service.id) ? { uid: service.id } : {}),
                ...(present(service.summary) ? { name: service.summary! } : {}),
                type_id: 99,
                type: 'Other',
              },
            }
          : {}),
        created_time: created,
        ...(epochMs(trigger?.created_at) !== undefined ? { first_seen_time: epochMs(trigger?.created_at) } : {}),
        ...(epochMs(incident.updated_at) !== undefined ? { last_seen_time: epochMs(incident.updated_at) } : {}),
        ...(present(incident.html_url) ? { src_url: incident.html_url! } : {}),
      },
      observables,
      ...(service && present(service.id)
        ? {
            resources: [
              {
                uid: service.id,
                ...(present(service.summary) ? { name: service.summary! } : {}),
                type: 'PagerDuty Service',
              },
            ],
          }
        : {}),
      metadata: {
        product: { vendor_name: 'PagerDuty', name: 'PagerDuty Incident Response' },
        ...(uid ? { uid } : {}),
        original_time: incident.created_at,
        labels: [`urgency:${incident.urgency ?? 'unknown'}`],
      },
      unmapped: {
        ...(incident.incident_number !== undefined ? { incident_number: incident.incident_number } : {}),
        ...(present(incident.incident_key) ? { incident_key: incident.incident_key } : {}),
        ...(present(event?.severity) ? { event_severity: event!.severity } : {}),
        ...(present(event?.dedup_key) ? { dedup_key: event!.dedup_key } : {}),
        ...(assignees.length > 0 ? { assignees } : {}),
      },
      raw_data: JSON.stringify(payload),
    };
  },
});
