import {
  type Alert,
  alertTitle,
  type Case,
  type EvidenceRecord,
  type ModelMessage,
  markUntrusted,
  Risk,
  type StoredAlert,
  type UserMessage,
  untrustedDataTag,
  Verdict,
} from '@rampart/core';
import { z } from 'zod';

/**
 * The machine-readable case context the loop gives the model on every turn, as the last message: the case,
 * its alerts (classes, titles, types, severities, observables), the tools offered with their capabilities, and
 * the evidence gathered so far. It is built from stored records by the runtime, yet every string in it that came
 * from an alert or a vendor is attacker-writable, so it travels marked untrusted like the alerts themselves.
 */
export const caseContextSource = 'rampart:case-context';
export const caseContextVersion = 1;

export const AlertSummary = z.object({
  id: z.string(),
  classUid: z.number(),
  className: z.string().optional(),
  title: z.string(),
  description: z.string().optional(),
  message: z.string().optional(),
  types: z.array(z.string()),
  severityId: z.number(),
  product: z.string(),
  techniques: z.array(z.string()),
  observables: z.array(z.object({ name: z.string(), typeId: z.number(), value: z.string() })),
  resources: z.array(
    z.object({ uid: z.string().optional(), type: z.string().optional(), name: z.string().optional() }),
  ),
  /** Vendor ids of the hosts and accounts the alert names (OCSF `device`, `user`, `actor.user`). */
  identities: z.array(z.object({ kind: z.enum(['host', 'account']), uid: z.string(), names: z.array(z.string()) })),
  time: z.number(),
});
export type AlertSummary = z.infer<typeof AlertSummary>;

export const ContextTool = z.object({
  name: z.string(),
  risk: Risk,
  capabilities: z.array(z.string()),
  connectorId: z.string().optional(),
});
export type ContextTool = z.infer<typeof ContextTool>;

export const ContextEvidence = z.object({
  tool: z.string(),
  capabilities: z.array(z.string()),
  risk: Risk,
  input: z.unknown(),
  status: z.enum(['executed', 'failed', 'denied', 'pending-approval']),
  output: z.unknown().optional(),
  error: z.string().optional(),
  connectorId: z.string().optional(),
  stage: z.string(),
});
export type ContextEvidence = z.infer<typeof ContextEvidence>;

export const CaseContext = z.object({
  rampartCaseContext: z.literal(caseContextVersion),
  stage: z.string(),
  agent: z.object({ name: z.string(), role: z.string() }),
  case: z.object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    severityId: z.number(),
    entities: z.array(z.string()),
    verdict: z
      .object({ value: Verdict, confidence: z.number(), decidedBy: z.string(), rationale: z.string().optional() })
      .nullable(),
  }),
  alerts: z.array(AlertSummary),
  /** The vendor tools offered this turn. */
  tools: z.array(ContextTool),
  /** The runtime's own tools offered this turn (`setCaseVerdict`, `resolveCase`, `escalateCase`, `searchTools`). */
  caseTools: z.array(z.string()),
  toolSearch: z.object({
    /** The agent has more tools than it is shown; `searchTools` finds the others. */
    enabled: z.boolean(),
    /** Capabilities already searched for in this stage. */
    searchedCapabilities: z.array(z.string()),
  }),
  /** Every tool call of the run so far (all stages), oldest first. */
  evidence: z.array(ContextEvidence),
});
export type CaseContext = z.infer<typeof CaseContext>;

const maxTextLength = 2_000;
const clip = (text: string | undefined) =>
  text === undefined ? undefined : text.length > maxTextLength ? `${text.slice(0, maxTextLength)}…` : text;

export function summarizeAlert(stored: StoredAlert): AlertSummary {
  const alert: Alert = stored.alert;
  const description = clip(alert.finding_info?.desc);
  const message = clip(alert.message);
  return {
    id: stored.id,
    classUid: alert.class_uid,
    ...(alert.class_name !== undefined && { className: alert.class_name }),
    title: clip(alertTitle(alert)) ?? '',
    ...(description !== undefined && { description }),
    ...(message !== undefined && { message }),
    types: alert.finding_info?.types ?? [],
    severityId: alert.severity_id,
    product: `${alert.metadata.product.vendor_name} ${alert.metadata.product.name}`,
    techniques: (alert.attacks ?? []).flatMap((attack) =>
      [attack.technique?.uid, attack.sub_technique?.uid].filter((uid): uid is string => uid !== undefined),
    ),
    observables: alert.observables.map((observable) => ({
      name: observable.name,
      typeId: observable.type_id,
      value: observable.value,
    })),
    resources: (alert.resources ?? []).map((resource) => ({
      ...(resource.uid !== undefined && { uid: resource.uid }),
      ...(resource.type !== undefined && { type: resource.type }),
      ...(resource.name !== undefined && { name: resource.name }),
    })),
    identities: identitiesOf(alert),
    time: alert.time,
  };
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** The OCSF device and user objects of an alert that carry a vendor id: what actions on them are keyed by. */
function identitiesOf(alert: Alert): AlertSummary['identities'] {
  const loose = alert as Record<string, unknown>;
  const objects: Array<['host' | 'account', unknown]> = [
    ['host', loose.device],
    ['account', loose.user],
    ['account', (loose.actor as Record<string, unknown> | undefined)?.user],
  ];
  const identities: AlertSummary['identities'] = [];
  for (const [kind, value] of objects) {
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    const uid = text(record.uid);
    if (uid === undefined) continue;
    const names = [record.hostname, record.name, record.email_addr]
      .map(text)
      .filter((name): name is string => name !== undefined);
    if (names.length > 0) identities.push({ kind, uid, names });
  }
  return identities;
}

export function contextEvidence(evidence: readonly EvidenceRecord[]): ContextEvidence[] {
  return evidence.map((record) => ({
    tool: record.tool,
    capabilities: record.capabilities,
    risk: record.risk,
    input: record.input,
    status: record.status,
    ...(record.output !== undefined && { output: record.output }),
    ...(record.error !== undefined && { error: record.error }),
    ...(record.connectorId !== undefined && { connectorId: record.connectorId }),
    stage: record.stage,
  }));
}

export function caseSummary(record: Case): CaseContext['case'] {
  return {
    id: record.id,
    title: record.title,
    status: record.status,
    severityId: record.severityId,
    entities: record.entities,
    verdict:
      record.verdict === null
        ? null
        : {
            value: record.verdict.value,
            confidence: record.verdict.confidence,
            decidedBy: record.verdict.decidedBy.id,
            ...(record.verdict.rationale !== undefined && { rationale: record.verdict.rationale }),
          },
  };
}

/** The context as the last user message of a request. */
export function caseContextMessage(context: CaseContext): UserMessage {
  return { role: 'user', content: markUntrusted(context, { source: caseContextSource }) };
}

const contextPrefix = `<${untrustedDataTag} source="${caseContextSource}">\n`;
const contextSuffix = `\n</${untrustedDataTag}>`;

/**
 * The case context of a request: the last user message that is exactly a context element the runtime wrote.
 * `null` when there is none or it does not parse, so a reasoner never acts on a half-read context.
 */
export function readCaseContext(messages: readonly ModelMessage[]): CaseContext | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role !== 'user') continue;
    const content = message.content;
    if (!content.startsWith(contextPrefix) || !content.endsWith(contextSuffix)) continue;
    try {
      const parsed = CaseContext.safeParse(JSON.parse(content.slice(contextPrefix.length, -contextSuffix.length)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** The alerts as the model reads them at the start of a stage: data, never instructions. */
export function alertsMessage(alerts: readonly StoredAlert[]): UserMessage {
  const payload = alerts.map((stored) => {
    const { raw_data: raw, ...alert } = stored.alert;
    return { id: stored.id, ...alert, ...(raw !== undefined && { raw_data: clip(raw) }) };
  });
  return {
    role: 'user',
    content: `The case's alerts follow.\n${markUntrusted(payload, { source: 'alerts' })}`,
  };
}
