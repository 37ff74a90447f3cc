import { type AlertInput, type AlertNormalizer, defineNormalizer, observableTypeIds } from '@rampart/core/connector';
import { z } from 'zod';

/**
 * Google Workspace Alert Center alerts (alerts.list `alerts[]`, alerts.get) as OCSF Detection Findings (2004). The
 * alert's `data` is one of the data types named by `@type`
 * (https://developers.google.com/workspace/admin/alertcenter/reference/alert-types); the user, login IP and phishing
 * message details it carries become observables.
 */

export const connectorId = 'google-workspace-alert-center';

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an RFC 3339 timestamp');

const MessageInfo = z.looseObject({
  messageId: z.string().nullish(),
  recipient: z.string().nullish(),
  subjectText: z.string().nullish(),
  attachmentsSha256Hash: z.array(z.string()).nullish(),
});

/** The native alert, loose: only what the mapping reads is declared. */
export const AlertCenterAlert = z.looseObject({
  alertId: z.string().min(1),
  customerId: z.string().nullish(),
  type: z.string().min(1),
  source: z.string().nullish(),
  createTime: isoTime,
  startTime: isoTime.nullish(),
  endTime: isoTime.nullish(),
  updateTime: isoTime.nullish(),
  securityInvestigationToolLink: z.string().nullish(),
  data: z
    .looseObject({
      '@type': z.string().nullish(),
      email: z.string().nullish(),
      loginDetails: z.looseObject({ ipAddress: z.string().nullish(), loginTime: isoTime.nullish() }).nullish(),
      maliciousEntity: z
        .looseObject({
          fromHeader: z.string().nullish(),
          displayName: z.string().nullish(),
          entity: z.looseObject({ emailAddress: z.string().nullish() }).nullish(),
        })
        .nullish(),
      messages: z.array(MessageInfo).nullish(),
    })
    .nullish(),
  metadata: z
    .looseObject({
      status: z.string().nullish(),
      severity: z.string().nullish(),
      assignee: z.string().nullish(),
    })
    .nullish(),
});
export type AlertCenterAlert = z.infer<typeof AlertCenterAlert>;

/**
 * Alert Center severity (`metadata.severity`: HIGH, MEDIUM, LOW; empty when Google could not determine it) to OCSF
 * `severity_id`: HIGH → 4 High, MEDIUM → 3 Medium, LOW → 2 Low, anything else → 0 Unknown.
 */
export function severityIdOf(severity: string | null | undefined): 0 | 2 | 3 | 4 {
  switch (severity?.toUpperCase()) {
    case 'HIGH':
      return 4;
    case 'MEDIUM':
      return 3;
    case 'LOW':
      return 2;
    default:
      return 0;
  }
}

/** `metadata.status` to OCSF Detection Finding `status_id`: 1 New, 2 In Progress, 4 Resolved, 99 Other. */
function statusIdOf(status: string | null | undefined): number | undefined {
  if (!status) return undefined;
  return { NOT_STARTED: 1, IN_PROGRESS: 2, CLOSED: 4 }[status.toUpperCase()] ?? 99;
}

const validAccounts = {
  tactic: { uid: 'TA0001', name: 'Initial Access' },
  technique: { uid: 'T1078', name: 'Valid Accounts' },
};
const phishing = { tactic: { uid: 'TA0001', name: 'Initial Access' }, technique: { uid: 'T1566', name: 'Phishing' } };

/** ATT&CK for the alert types whose meaning is a technique; Google does not tag alerts itself. */
function attacksOf(type: string) {
  if (/^Suspicious (login|programmatic login)/i.test(type)) return [validAccounts];
  if (/phishing|suspicious message reported/i.test(type)) return [phishing];
  return undefined;
}

type Observable = { name: string; type_id: number; value: string };

/** Maps one parsed alert; `raw` is the payload as received, kept verbatim as `raw_data`. */
export function alertCenterAlertToAlert(alert: AlertCenterAlert, raw: unknown = alert): AlertInput {
  const observables: Observable[] = [];
  const add = (name: string, typeId: number, value: string | null | undefined) => {
    if (value) observables.push({ name, type_id: typeId, value });
  };
  const data = alert.data;
  const evidences: Record<string, unknown>[] = [];

  if (data?.email) {
    const login = data.loginDetails;
    evidences.push({
      user: { email_addr: data.email },
      ...(login?.ipAddress ? { src_endpoint: { ip: login.ipAddress } } : {}),
      ...(login?.loginTime ? { time: Date.parse(login.loginTime) } : {}),
    });
    add('evidences.user.email_addr', observableTypeIds.emailAddress, data.email);
    add('evidences.src_endpoint.ip', observableTypeIds.ipAddress, login?.ipAddress);
  }
  // A reported or reclassified phishing campaign: one evidence per message, with sender, recipient and attachments.
  const sender = data?.maliciousEntity?.entity?.emailAddress ?? data?.maliciousEntity?.fromHeader;
  for (const message of data?.messages ?? []) {
    evidences.push({
      email: {
        ...(sender ? { from: sender } : {}),
        ...(message.recipient ? { to: [message.recipient] } : {}),
        ...(message.subjectText ? { subject: message.subjectText } : {}),
        ...(message.messageId ? { message_uid: message.messageId } : {}),
      },
      ...((message.attachmentsSha256Hash ?? []).length > 0
        ? {
            file: {
              hashes: (message.attachmentsSha256Hash ?? []).map((value) => ({ algorithm_id: 3, value })),
            },
          }
        : {}),
    });
    add('evidences.email.to', observableTypeIds.emailAddress, message.recipient);
    for (const hash of message.attachmentsSha256Hash ?? []) add('evidences.file.hashes', observableTypeIds.hash, hash);
  }
  if (sender)
    observables.unshift({ name: 'evidences.email.from', type_id: observableTypeIds.emailAddress, value: sender });

  const created = Date.parse(alert.createTime);
  const updated = alert.updateTime ? Date.parse(alert.updateTime) : created;
  const status = alert.metadata?.status?.toUpperCase();
  // Detection Finding activity: 1 Create, 2 Update (changed since it was raised), 3 Close (status CLOSED).
  const activityId = status === 'CLOSED' ? 3 : updated > created ? 2 : 1;
  const statusId = statusIdOf(status);
  const attacks = attacksOf(alert.type);
  const title = alert.type;
  const firstSubject = data?.messages?.find((message) => message.subjectText)?.subjectText;
  const description = [
    alert.source ? `${alert.type} (${alert.source})` : alert.type,
    data?.email ? `user ${data.email}` : undefined,
    data?.loginDetails?.ipAddress ? `from ${data.loginDetails.ipAddress}` : undefined,
    sender ? `sender ${sender}` : undefined,
    firstSubject ? `subject "${firstSubject}"` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: activityId,
    type_uid: 200400 + activityId,
    severity_id: severityIdOf(alert.metadata?.severity),
    time: updated,
    ...(statusId !== undefined ? { status_id: statusId } : {}),
    message: description,
    finding_info: {
      uid: alert.alertId,
      title,
      desc: description,
      types: [alert.type],
      ...(alert.source ? { analytic: { name: alert.source, type_id: 0 } } : {}),
      created_time: created,
      ...(alert.startTime ? { first_seen_time: Date.parse(alert.startTime) } : {}),
      ...(alert.endTime ? { last_seen_time: Date.parse(alert.endTime) } : {}),
      ...(alert.securityInvestigationToolLink ? { src_url: alert.securityInvestigationToolLink } : {}),
    },
    observables,
    ...(evidences.length > 0 ? { evidences } : {}),
    ...(attacks ? { attacks } : {}),
    metadata: {
      product: { vendor_name: 'Google', name: 'Google Workspace Alert Center' },
      uid: alert.alertId,
      ...(alert.customerId ? { tenant_uid: alert.customerId } : {}),
      original_time: alert.createTime,
    },
    raw_data: JSON.stringify(raw),
    unmapped: {
      ...(data?.['@type'] ? { data_type: data['@type'] } : {}),
      ...(alert.metadata?.assignee ? { assignee: alert.metadata.assignee } : {}),
      ...(alert.metadata?.severity ? { severity: alert.metadata.severity } : {}),
    },
  };
}

export const alertCenterAlertNormalizer: AlertNormalizer = defineNormalizer({
  id: `${connectorId}.alert`,
  connectorId,
  description: 'A Google Workspace Alert Center alert as an OCSF Detection Finding (2004).',
  input: AlertCenterAlert,
  normalize: (alert, payload) => alertCenterAlertToAlert(alert, payload),
});
