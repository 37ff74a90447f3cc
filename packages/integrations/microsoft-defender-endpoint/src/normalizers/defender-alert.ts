import { type AlertInput, defineNormalizer, severityLabel, observableTypeIds as types } from '@rampart/core/connector';
import { z } from 'zod';
import { epochMs } from './timestamps.js';
import { ObservableList } from './observables.js';

/**
 * Defender for Endpoint alerts, as `GET /api/alerts` (one item of `value`) and `GET /api/alerts/{id}` return them,
 * with or without `evidence`. They become an OCSF Detection Finding (2004).
 */

const text = z.string().nullish();

const Evidence = z.looseObject({
  entityType: text,
  sha1: text,
  sha256: text,
  fileName: text,
  filePath: text,
  processCommandLine: text,
  parentProcessFileName: text,
  parentProcessFilePath: text,
  ipAddress: text,
  url: text,
  accountName: text,
  domainName: text,
  userPrincipalName: text,
});
type Evidence = z.infer<typeof Evidence>;

export const DefenderAlert = z
  .looseObject({
    id: z.string().min(1),
    title: z.string().min(1),
    description: text,
    severity: text,
    status: text,
    category: text,
    detectionSource: text,
    detectorId: text,
    threatFamilyName: text,
    threatName: text,
    incidentId: z.union([z.number(), z.string()]).nullish(),
    alertCreationTime: text,
    firstEventTime: text,
    lastEventTime: text,
    lastUpdateTime: text,
    machineId: text,
    computerDnsName: text,
    rbacGroupName: text,
    aadTenantId: text,
    mitreTechniques: z.array(z.string()).nullish(),
    relatedUser: z.looseObject({ userName: text, domainName: text }).nullish(),
    evidence: z.array(Evidence).nullish(),
  })
  .refine(
    (alert) => timeOf(alert) !== undefined,
    'needs a timestamp: alertCreationTime, firstEventTime, lastEventTime or lastUpdateTime',
  );
export type DefenderAlert = z.infer<typeof DefenderAlert>;

function timeOf(alert: {
  alertCreationTime?: string | null;
  firstEventTime?: string | null;
  lastEventTime?: string | null;
  lastUpdateTime?: string | null;
}): number | undefined {
  return (
    epochMs(alert.alertCreationTime) ??
    epochMs(alert.firstEventTime) ??
    epochMs(alert.lastEventTime) ??
    epochMs(alert.lastUpdateTime)
  );
}

/**
 * Defender severity to OCSF `severity_id`: Informational 1, Low 2, Medium 3, High 4. Defender has no Critical;
 * UnSpecified (or anything else) is Unknown (0).
 */
export function defenderSeverityId(severity: string | null | undefined): number {
  switch (severity?.toLowerCase()) {
    case 'informational':
      return 1;
    case 'low':
      return 2;
    case 'medium':
      return 3;
    case 'high':
      return 4;
    default:
      return 0;
  }
}

/** Defender alert status to OCSF finding `status_id` (1 New, 2 In Progress, 4 Resolved, 0 Unknown). */
function statusId(status: string | null | undefined): number | undefined {
  switch (status) {
    case 'New':
      return 1;
    case 'InProgress':
      return 2;
    case 'Resolved':
      return 4;
    case 'Unknown':
      return 0;
    case null:
    case undefined:
      return undefined;
    default:
      return 99;
  }
}

/** Defender gives file paths as the folder and the name apart. */
function joinPath(folder: string | null | undefined, name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  if (!folder) return name;
  const separator = folder.includes('/') && !folder.includes('\\') ? '/' : '\\';
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}

/** `DOMAIN\user` when the domain is given apart. */
function accountName(name: string | null | undefined, domain: string | null | undefined): string | undefined {
  if (!name) return undefined;
  return domain && !name.includes('\\') && !name.includes('@') ? `${domain}\\${name}` : name;
}

function addEvidence(observables: ObservableList, evidence: Evidence): void {
  switch (evidence.entityType) {
    case 'User':
      observables.add('user.name', types.userName, accountName(evidence.accountName, evidence.domainName));
      if (evidence.userPrincipalName?.includes('@'))
        observables.add('user.email_addr', types.emailAddress, evidence.userPrincipalName);
      break;
    case 'Process':
      observables.add('process.name', types.processName, evidence.fileName);
      observables.add('process.file.path', types.filePath, joinPath(evidence.filePath, evidence.fileName));
      observables.add('process.cmd_line', types.commandLine, evidence.processCommandLine);
      observables.addHash('process.file.hashes', evidence.sha256);
      observables.addHash('process.file.hashes', evidence.sha1);
      observables.add('process.parent_process.name', types.processName, evidence.parentProcessFileName);
      observables.add(
        'process.parent_process.file.path',
        types.filePath,
        joinPath(evidence.parentProcessFilePath, evidence.parentProcessFileName),
      );
      break;
    case 'File':
      if (evidence.filePath)
        observables.add('file.path', types.filePath, joinPath(evidence.filePath, evidence.fileName));
      else observables.add('file.name', types.fileName, evidence.fileName);
      observables.addHash('file.hashes', evidence.sha256);
      observables.addHash('file.hashes', evidence.sha1);
      break;
    case 'Ip':
      observables.add('dst_endpoint.ip', types.ipAddress, evidence.ipAddress);
      break;
    case 'Url':
      observables.add('url.url_string', types.urlString, evidence.url);
      break;
  }
}

function observablesOf(alert: DefenderAlert): ObservableList {
  const observables = new ObservableList();
  observables.add('device.hostname', types.hostname, alert.computerDnsName);
  const user = alert.relatedUser;
  observables.add('actor.user.name', types.userName, accountName(user?.userName, user?.domainName));
  for (const evidence of alert.evidence ?? []) addEvidence(observables, evidence);
  return observables;
}

type AttackInput = NonNullable<AlertInput['attacks']>[number];

/** Defender lists technique ids only (T1059, T1059.001), without tactics. */
function attacksOf(techniques: readonly string[] | null | undefined): AttackInput[] {
  const attacks: AttackInput[] = [];
  for (const technique of new Set(techniques ?? [])) {
    if (!/^T\d{4}(\.\d{3})?$/.test(technique)) continue;
    const [parent] = technique.split('.');
    attacks.push(
      parent === technique
        ? { technique: { uid: technique } }
        : { technique: { uid: parent! }, sub_technique: { uid: technique } },
    );
  }
  return attacks;
}

/** A value Defender spells as the string "null" (seen in older tenants' `category`) is no value. */
function present(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value !== '' && value !== 'null';
}

export const defenderAlertNormalizer = defineNormalizer({
  id: 'microsoft-defender-endpoint.alert',
  connectorId: 'microsoft-defender-endpoint',
  description:
    'Microsoft Defender for Endpoint alert (API alert entity, with evidence) to an OCSF Detection Finding (2004).',
  input: DefenderAlert,
  // By identity, not by schema: a Defender alert with a malformed field should fail with that field's path.
  matches: (payload) =>
    typeof payload === 'object' &&
    payload !== null &&
    typeof Reflect.get(payload, 'id') === 'string' &&
    'alertCreationTime' in payload,
  normalize(alert, payload): AlertInput {
    const severityId = defenderSeverityId(alert.severity);
    const status = statusId(alert.status);
    const attacks = attacksOf(alert.mitreTechniques);
    const findingTypes = [alert.category, alert.threatFamilyName].filter(present);
    const created = epochMs(alert.alertCreationTime);
    const firstSeen = epochMs(alert.firstEventTime);
    const lastSeen = epochMs(alert.lastEventTime);
    const modified = epochMs(alert.lastUpdateTime);
    return {
      class_uid: 2004,
      class_name: 'Detection Finding',
      category_uid: 2,
      category_name: 'Findings',
      activity_id: 1,
      activity_name: 'Create',
      type_uid: 200401,
      severity_id: severityId,
      severity: severityLabel(severityId),
      time: timeOf(alert)!,
      ...(status !== undefined ? { status_id: status, status: alert.status } : {}),
      message: alert.title,
      finding_info: {
        uid: alert.id,
        title: alert.title,
        ...(present(alert.description) ? { desc: alert.description } : {}),
        ...(findingTypes.length > 0 ? { types: findingTypes } : {}),
        ...(present(alert.detectorId) || present(alert.detectionSource)
          ? {
              analytic: {
                type_id: 0,
                ...(present(alert.detectorId) ? { uid: alert.detectorId } : {}),
                ...(present(alert.detectionSource) ? { name: alert.detectionSource } : {}),
              },
            }
          : {}),
        ...(created !== undefined ? { created_time: created } : {}),
        ...(firstSeen !== undefined ? { first_seen_time: firstSeen } : {}),
        ...(lastSeen !== undefined ? { last_seen_time: lastSeen } : {}),
        ...(modified !== undefined ? { modified_time: modified } : {}),
      },
      ...(alert.machineId || alert.computerDnsName
        ? {
            device: {
              ...(alert.machineId ? { uid: alert.machineId } : {}),
              ...(alert.computerDnsName ? { hostname: alert.computerDnsName } : {}),
              ...(alert.rbacGroupName ? { groups: [{ name: alert.rbacGroupName }] } : {}),
            },
          }
        : {}),
      ...(present(alert.threatName) ? { malware: [{ name: alert.threatName }] } : {}),
      observables: observablesOf(alert).items,
      ...(attacks.length > 0 ? { attacks } : {}),
      metadata: {
        product: {
          vendor_name: 'Microsoft',
          name: 'Defender for Endpoint',
          ...(present(alert.detectionSource) ? { feature: { name: alert.detectionSource } } : {}),
        },
        uid: alert.id,
        ...(alert.aadTenantId ? { tenant_uid: alert.aadTenantId } : {}),
        ...(alert.incidentId !== null && alert.incidentId !== undefined
          ? { correlation_uid: String(alert.incidentId) }
          : {}),
        ...(alert.alertCreationTime ? { original_time: alert.alertCreationTime } : {}),
      },
      raw_data: JSON.stringify(payload),
    };
  },
});
