import {
  type AlertNormalizer,
  defineNormalizer,
  type Observable,
  observableTypeIds,
  ocsfClasses,
} from '@rampart/core/connector';
import type { z } from 'zod';
import { Alert as GraphAlert } from '../generated/schemas.js';

/**
 * Microsoft 365 Defender alerts from the Graph security API (`/security/alerts_v2`, the `microsoft.graph.security.alert`
 * resource) → OCSF Detection Finding 2004, with the alert's evidence as OCSF `evidences` and observables (devices,
 * users, mailboxes, analysed messages, processes, files, IP addresses, URLs).
 *
 * Severity (Graph `severity`): informational → 1, low → 2, medium → 3, high → 4; unknown → 0.
 * Status (Graph `status`): new → 1 New, inProgress → 2 In Progress, resolved → 4 Resolved.
 * ATT&CK: `mitreTechniques` become techniques; `category`, when it names an ATT&CK tactic (InitialAccess,
 * CredentialAccess ...), becomes the tactic of each. Legacy `/security/alerts` (v1, `vendorInformation`) are not this
 * shape and are not matched.
 */

type DefenderAlert = z.output<typeof GraphAlert>;
type Evidence = NonNullable<DefenderAlert['evidence']>[number];
type FileDetails = NonNullable<Evidence['fileDetails']>;
type UserAccount = NonNullable<Evidence['userAccount']>;
type Shape = Record<string, unknown>;

const severities: Readonly<Record<string, number>> = { informational: 1, low: 2, medium: 3, high: 4 };
const statuses: Readonly<Record<string, { status_id: number; status: string }>> = {
  new: { status_id: 1, status: 'New' },
  inProgress: { status_id: 2, status: 'In Progress' },
  resolved: { status_id: 4, status: 'Resolved' },
};

/** ATT&CK Enterprise tactics by the names Defender uses in `category`. */
const tactics: Readonly<Record<string, { uid: string; name: string }>> = {
  Reconnaissance: { uid: 'TA0043', name: 'Reconnaissance' },
  ResourceDevelopment: { uid: 'TA0042', name: 'Resource Development' },
  InitialAccess: { uid: 'TA0001', name: 'Initial Access' },
  Execution: { uid: 'TA0002', name: 'Execution' },
  Persistence: { uid: 'TA0003', name: 'Persistence' },
  PrivilegeEscalation: { uid: 'TA0004', name: 'Privilege Escalation' },
  DefenseEvasion: { uid: 'TA0005', name: 'Defense Evasion' },
  CredentialAccess: { uid: 'TA0006', name: 'Credential Access' },
  Discovery: { uid: 'TA0007', name: 'Discovery' },
  LateralMovement: { uid: 'TA0008', name: 'Lateral Movement' },
  Collection: { uid: 'TA0009', name: 'Collection' },
  Exfiltration: { uid: 'TA0010', name: 'Exfiltration' },
  CommandAndControl: { uid: 'TA0011', name: 'Command and Control' },
  Impact: { uid: 'TA0040', name: 'Impact' },
};

function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function epochMs(text: string | null | undefined): number | undefined {
  if (!present(text)) return undefined;
  const value = Date.parse(text);
  return Number.isNaN(value) ? undefined : value;
}

/** OCSF fingerprints of a file (algorithm_id 2 SHA-1, 3 SHA-256) and their observables at `pointer`. */
function hashesOf(file: FileDetails | undefined | null, pointer: string, observables: Observable[]): Shape[] {
  const hashes: Shape[] = [];
  for (const [algorithm, id, value] of [
    ['SHA-256', 3, file?.sha256],
    ['SHA-1', 2, file?.sha1],
  ] as const) {
    if (!present(value)) continue;
    hashes.push({ algorithm, algorithm_id: id, value });
    observables.push({ name: `${pointer}.hashes`, type_id: observableTypeIds.hash, value });
  }
  return hashes;
}

function fileOf(file: FileDetails | undefined | null, pointer: string, observables: Observable[]): Shape | undefined {
  if (!file) return undefined;
  const path =
    present(file.filePath) && present(file.fileName)
      ? `${file.filePath.replace(/[\\/]$/, '')}\\${file.fileName}`
      : undefined;
  if (path !== undefined)
    observables.push({ name: `${pointer}.path`, type_id: observableTypeIds.filePath, value: path });
  const hashes = hashesOf(file, pointer, observables);
  return {
    ...(present(file.fileName) && { name: file.fileName }),
    ...(path !== undefined && { path }),
    ...(typeof file.fileSize === 'number' && { size: file.fileSize }),
    ...(hashes.length > 0 && { hashes }),
    type_id: 1,
  };
}

function userOf(
  account: UserAccount | undefined | null,
  pointer: string,
  observables: Observable[],
): Shape | undefined {
  if (!account) return undefined;
  const name = present(account.userPrincipalName)
    ? account.userPrincipalName
    : present(account.accountName)
      ? present(account.domainName)
        ? `${account.domainName}\\${account.accountName}`
        : account.accountName
      : undefined;
  if (name !== undefined)
    observables.push({ name: `${pointer}.name`, type_id: observableTypeIds.userName, value: name });
  return {
    ...(name !== undefined && { name }),
    ...(present(account.azureAdUserId) && { uid: account.azureAdUserId }),
    ...(present(account.displayName) && { full_name: account.displayName }),
    ...(present(account.domainName) && { domain: account.domainName }),
    ...(present(account.userSid) && { uid_alt: account.userSid }),
  };
}

/** One Graph evidence item as an OCSF evidence object, its observables pushed under `evidences.*`. */
function evidenceOf(evidence: Evidence, observables: Observable[], devices: Shape[]): Shape | undefined {
  const kind = evidence['@odata.type'].replace(/^#?microsoft\.graph\.security\./, '');
  const common = {
    name: kind,
    ...(present(evidence.verdict) && { verdict: evidence.verdict }),
  };
  switch (kind) {
    case 'deviceEvidence': {
      const hostname = present(evidence.deviceDnsName) ? evidence.deviceDnsName : undefined;
      // A device is the finding's `device`, where consumers look for the affected host.
      if (hostname !== undefined)
        observables.push({ name: 'device.hostname', type_id: observableTypeIds.hostname, value: hostname });
      const device = {
        ...(hostname !== undefined && { hostname }),
        ...(present(evidence.mdeDeviceId) && { uid: evidence.mdeDeviceId }),
        ...(present(evidence.azureAdDeviceId) && { uid_alt: evidence.azureAdDeviceId }),
        ...(present(evidence.osPlatform) && { os: { name: evidence.osPlatform, type_id: 0 } }),
        ...(present(evidence.riskScore) && { risk_level: evidence.riskScore }),
        type_id: 0,
      };
      devices.push(device);
      return { ...common, device };
    }
    case 'userEvidence':
      return { ...common, user: userOf(evidence.userAccount, 'evidences.user', observables) };
    case 'mailboxEvidence': {
      const address = present(evidence.primaryAddress) ? evidence.primaryAddress : undefined;
      if (address !== undefined) {
        observables.push({
          name: 'evidences.user.email_addr',
          type_id: observableTypeIds.emailAddress,
          value: address,
        });
      }
      return {
        ...common,
        user: {
          ...(address !== undefined && { email_addr: address }),
          ...(present(evidence.userAccount?.azureAdUserId) && { uid: evidence.userAccount.azureAdUserId }),
          ...(present(evidence.displayName) && { full_name: evidence.displayName }),
        },
      };
    }
    case 'analyzedMessageEvidence': {
      const email = observableTypeIds.emailAddress;
      const from = evidence.p2Sender?.emailAddress ?? evidence.p1Sender?.emailAddress ?? undefined;
      const returnPath = evidence.p1Sender?.emailAddress ?? undefined;
      if (present(from)) observables.push({ name: 'evidences.email.from', type_id: email, value: from });
      if (present(returnPath) && returnPath !== from) {
        observables.push({ name: 'evidences.email.sender', type_id: email, value: returnPath });
      }
      if (present(evidence.recipientEmailAddress)) {
        observables.push({ name: 'evidences.email.to', type_id: email, value: evidence.recipientEmailAddress });
      }
      if (present(evidence.senderIp)) {
        observables.push({
          name: 'evidences.email.x_originating_ip',
          type_id: observableTypeIds.ipAddress,
          value: evidence.senderIp,
        });
      }
      const urls = (evidence.urls ?? []).filter(present);
      for (const url of urls) {
        observables.push({ name: 'evidences.email.urls.url_string', type_id: observableTypeIds.urlString, value: url });
      }
      return {
        ...common,
        email: {
          ...(present(evidence.networkMessageId) && { uid: evidence.networkMessageId }),
          ...(present(evidence.internetMessageId) && { message_uid: evidence.internetMessageId }),
          ...(present(evidence.subject) && { subject: evidence.subject }),
          ...(present(from) && { from }),
          ...(present(returnPath) && { return_path: returnPath }),
          ...(present(evidence.recipientEmailAddress) && { to: [evidence.recipientEmailAddress] }),
          ...(present(evidence.senderIp) && { x_originating_ip: [evidence.senderIp] }),
          ...(urls.length > 0 && { urls: urls.map((url) => ({ url_string: url })) }),
        },
      };
    }
    case 'processEvidence': {
      if (present(evidence.processCommandLine)) {
        observables.push({
          name: 'evidences.process.cmd_line',
          type_id: observableTypeIds.commandLine,
          value: evidence.processCommandLine,
        });
      }
      const file = fileOf(evidence.imageFile, 'evidences.process.file', observables);
      const user = userOf(evidence.userAccount, 'evidences.process.user', observables);
      return {
        ...common,
        process: {
          ...(typeof evidence.processId === 'number' && { pid: evidence.processId }),
          ...(present(evidence.processCommandLine) && { cmd_line: evidence.processCommandLine }),
          ...(present(evidence.imageFile?.fileName) && { name: evidence.imageFile.fileName }),
          ...(file && { file }),
          ...(user && { user }),
          ...(typeof evidence.parentProcessId === 'number' && {
            parent_process: {
              pid: evidence.parentProcessId,
              ...(present(evidence.parentProcessImageFile?.fileName) && {
                name: evidence.parentProcessImageFile.fileName,
              }),
            },
          }),
        },
      };
    }
    case 'fileEvidence':
      return { ...common, file: fileOf(evidence.fileDetails, 'evidences.file', observables) };
    case 'ipEvidence':
      if (!present(evidence.ipAddress)) return undefined;
      observables.push({
        name: 'evidences.src_endpoint.ip',
        type_id: observableTypeIds.ipAddress,
        value: evidence.ipAddress,
      });
      return {
        ...common,
        src_endpoint: {
          ip: evidence.ipAddress,
          ...(present(evidence.countryLetterCode) && { location: { country: evidence.countryLetterCode } }),
        },
      };
    case 'urlEvidence':
      if (!present(evidence.url)) return undefined;
      observables.push({ name: 'evidences.url.url_string', type_id: observableTypeIds.urlString, value: evidence.url });
      return { ...common, url: { url_string: evidence.url } };
    default:
      // Cloud apps, registry keys, Azure resources ...: kept in raw_data, not modelled here.
      return undefined;
  }
}

function normalizeAlert(alert: DefenderAlert) {
  const observables: Observable[] = [];
  const devices: Shape[] = [];
  const evidences = (alert.evidence ?? [])
    .map((evidence) => evidenceOf(evidence, observables, devices))
    .filter((evidence): evidence is Shape => evidence !== undefined);
  const created = epochMs(alert.createdDateTime);
  const first = epochMs(alert.firstActivityDateTime);
  const last = epochMs(alert.lastActivityDateTime);
  const time = created ?? first ?? epochMs(alert.lastUpdateDateTime) ?? 0;
  const tactic = present(alert.category) ? tactics[alert.category] : undefined;
  const techniques = (alert.mitreTechniques ?? []).filter((technique) => /^T\d{4}(\.\d{3})?$/.test(technique));
  const attacks: Shape[] = techniques.map((technique) => ({
    ...(tactic && { tactic }),
    technique: { uid: technique.slice(0, 5) },
    ...(technique.length > 5 && { sub_technique: { uid: technique } }),
  }));
  if (attacks.length === 0 && tactic) attacks.push({ tactic });
  const verdict = [alert.classification, alert.determination].filter(
    (value): value is string => present(value) && value !== 'unknown',
  );
  const title = present(alert.title) ? alert.title : 'Microsoft 365 Defender alert';
  const declared = ocsfClasses.detectionFinding;
  const status = present(alert.status) ? statuses[alert.status] : undefined;
  return {
    class_uid: declared.class_uid,
    class_name: declared.class_name,
    category_uid: declared.category_uid,
    category_name: declared.category_name,
    activity_id: status?.status_id === 4 ? 3 : 1,
    activity_name: status?.status_id === 4 ? 'Close' : 'Create',
    type_uid: declared.class_uid * 100 + (status?.status_id === 4 ? 3 : 1),
    severity_id: (present(alert.severity) ? severities[alert.severity] : undefined) ?? 0,
    time,
    ...(status ?? { status_id: 99, status: alert.status ?? 'Other' }),
    ...(verdict.length > 0 && { status_detail: verdict.join('/') }),
    message: title,
    finding_info: {
      uid: alert.id,
      title,
      ...(present(alert.description) && { desc: alert.description }),
      types: [alert.category, alert.serviceSource, alert.detectionSource].filter(present),
      ...((present(alert.detectorId) || present(alert.detectionSource)) && {
        analytic: {
          ...(present(alert.detectorId) && { uid: alert.detectorId }),
          ...(present(alert.detectionSource) && { name: alert.detectionSource }),
          type_id: 99,
          type: 'Other',
        },
      }),
      ...(created !== undefined && { created_time: created }),
      ...(first !== undefined && { first_seen_time: first }),
      ...(last !== undefined && { last_seen_time: last }),
      ...(present(alert.alertWebUrl) && { src_url: alert.alertWebUrl }),
    },
    ...(devices[0] !== undefined && { device: devices[0] }),
    ...(evidences.length > 0 && { evidences }),
    ...(attacks.length > 0 && { attacks }),
    observables,
    metadata: {
      product: {
        vendor_name: 'Microsoft',
        name: present(alert.productName) ? alert.productName : 'Microsoft 365 Defender',
      },
      uid: alert.id,
      ...(present(alert.incidentId) && { correlation_uid: alert.incidentId }),
      ...(present(alert.tenantId) && { tenant_uid: alert.tenantId }),
      ...(present(alert.createdDateTime) && { original_time: alert.createdDateTime }),
      ...(present(alert.serviceSource) && { labels: [alert.serviceSource] }),
    },
    raw_data: JSON.stringify(alert),
    unmapped: {
      graph: {
        ...(present(alert.incidentId) && { incidentId: alert.incidentId }),
        ...(present(alert.incidentWebUrl) && { incidentWebUrl: alert.incidentWebUrl }),
        ...(present(alert.classification) && { classification: alert.classification }),
        ...(present(alert.determination) && { determination: alert.determination }),
        ...(present(alert.assignedTo) && { assignedTo: alert.assignedTo }),
        ...(present(alert.recommendedActions) && { recommendedActions: alert.recommendedActions }),
        ...(present(alert.threatFamilyName) && { threatFamilyName: alert.threatFamilyName }),
      },
    },
  };
}

function isAlertV2(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  const record = payload as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    'title' in record &&
    !('vendorInformation' in record) &&
    ('serviceSource' in record || 'detectionSource' in record || 'evidence' in record) &&
    GraphAlert.safeParse(payload).success
  );
}

/** Microsoft 365 Defender alerts (Graph security `alerts_v2`) → OCSF Detection Finding 2004. */
export const microsoftSecurityAlertNormalizer: AlertNormalizer = defineNormalizer({
  id: 'microsoft-365-mail.security-alert',
  connectorId: 'microsoft-365-mail',
  description:
    'Microsoft 365 Defender alerts (Graph security alerts_v2) with their evidence as OCSF Detection Findings.',
  input: GraphAlert,
  matches: isAlertV2,
  normalize: normalizeAlert,
});
