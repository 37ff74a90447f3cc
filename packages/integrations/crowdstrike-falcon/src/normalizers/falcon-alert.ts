import { type AlertInput, defineNormalizer, observableTypeIds as types, severityLabel } from '@rampart/core/connector';
import { z } from 'zod';
import { epochMs, timestamp } from './timestamps.js';
import { ObservableList } from './observables.js';

/**
 * Falcon alerts, as the Alerts API returns them (`POST /alerts/entities/alerts/v2`, one item of `resources`):
 * endpoint detections (`product: epp`, `type: ldt`) with the host, user and process tree, and cloud indicators of
 * attack (`product: fcs`, `type: cloud-ioa`) with the cloud account, resource and API call. Both become an OCSF
 * Detection Finding (2004).
 */

const text = z.string().nullish();
const number = z.number().nullish();
const identifier = z.union([z.string(), z.number()]).nullish();
const texts = z.array(z.string()).nullish();

const ProcessDetails = z.looseObject({
  cmdline: text,
  filename: text,
  filepath: text,
  md5: text,
  sha256: text,
  user_name: text,
});

const MitreAttack = z.looseObject({
  tactic_id: text,
  tactic: text,
  technique_id: text,
  technique: text,
});

export const FalconAlert = z.looseObject({
  composite_id: z.string().min(1),
  id: text,
  cid: text,
  product: text,
  type: text,
  name: text,
  display_name: text,
  description: text,
  severity: number,
  severity_name: text,
  status: text,
  tactic: text,
  tactic_id: text,
  technique: text,
  technique_id: text,
  mitre_attack: z.array(MitreAttack).nullish(),
  pattern_id: identifier,
  created_timestamp: timestamp,
  timestamp: text,
  first_timestamp: text,
  last_timestamp: text,
  falcon_host_link: text,
  source_products: texts,
  device: z
    .looseObject({
      device_id: text,
      hostname: text,
      local_ip: text,
      external_ip: text,
      mac_address: text,
      platform_name: text,
      os_version: text,
      machine_domain: text,
    })
    .nullish(),
  user_name: text,
  user_principal: text,
  logon_domain: text,
  filename: text,
  filepath: text,
  cmdline: text,
  md5: text,
  sha1: text,
  sha256: text,
  parent_details: ProcessDetails.nullish(),
  grandparent_details: ProcessDetails.nullish(),
  ioc_type: text,
  ioc_value: text,
  cloud_provider: text,
  cloud_account_id: text,
  cloud_region: text,
  service: text,
  resource_id: text,
  resource_gcrn: text,
  event_name: text,
  event_source: text,
  source_ip_address: text,
  source_ips: texts,
  user_names: texts,
  user_agent: text,
  aws_access_key_id: text,
});
export type FalconAlert = z.infer<typeof FalconAlert>;

/**
 * Falcon severity to OCSF `severity_id`. Falcon scores alerts 1-100 and names the bands; it uses 10 Informational,
 * 30 Low, 50 Medium, 70 High and 90 Critical. The name wins when present; otherwise the score is banded:
 * below 20 Informational (1), below 40 Low (2), below 60 Medium (3), below 80 High (4), else Critical (5).
 * No severity at all is Unknown (0).
 */
export function falconSeverityId(severityName: string | null | undefined, score: number | null | undefined): number {
  switch (severityName?.toLowerCase()) {
    case 'informational':
      return 1;
    case 'low':
      return 2;
    case 'medium':
      return 3;
    case 'high':
      return 4;
    case 'critical':
      return 5;
  }
  if (score === null || score === undefined) return 0;
  if (score < 20) return 1;
  if (score < 40) return 2;
  if (score < 60) return 3;
  if (score < 80) return 4;
  return 5;
}

/** Falcon alert status to OCSF finding `status_id` (1 New, 2 In Progress, 4 Resolved, 99 Other). */
function statusId(status: string | null | undefined): number | undefined {
  switch (status) {
    case 'new':
    case 'reopened':
      return 1;
    case 'in_progress':
      return 2;
    case 'closed':
      return 4;
    case null:
    case undefined:
      return undefined;
    default:
      return 99;
  }
}

const tacticPattern = /^TA\d{4}$/;
const techniquePattern = /^T\d{4}(\.\d{3})?$/;

type AttackInput = NonNullable<AlertInput['attacks']>[number];

/**
 * ATT&CK tactics and techniques. Falcon also files detections under its own tactics (`CSTA0001` Falcon Intel,
 * `CST0007` Machine Learning ...), which are not ATT&CK ids and are left out.
 */
function attacksOf(alert: FalconAlert): AttackInput[] {
  const pairs = alert.mitre_attack?.length
    ? alert.mitre_attack
    : [
        {
          tactic_id: alert.tactic_id,
          tactic: alert.tactic,
          technique_id: alert.technique_id,
          technique: alert.technique,
        },
      ];
  const attacks: AttackInput[] = [];
  const seen = new Set<string>();
  for (const pair of pairs) {
    const tacticId = pair.tactic_id ?? '';
    const techniqueId = pair.technique_id ?? '';
    const tactic = tacticPattern.test(tacticId)
      ? { uid: tacticId, ...(pair.tactic ? { name: pair.tactic } : {}) }
      : undefined;
    let attack: AttackInput | undefined;
    if (techniquePattern.test(techniqueId)) {
      const [parent] = techniqueId.split('.');
      const isSubTechnique = parent !== techniqueId;
      // Falcon names sub-techniques "Parent: Sub" (Impair Defenses: Disable or Modify Cloud Firewall).
      const [parentName, subName] = (pair.technique ?? '').split(/:\s*/, 2);
      attack = isSubTechnique
        ? {
            technique: { uid: parent!, ...(subName && parentName ? { name: parentName } : {}) },
            sub_technique: { uid: techniqueId, ...(pair.technique ? { name: subName || pair.technique } : {}) },
          }
        : { technique: { uid: techniqueId, ...(pair.technique ? { name: pair.technique } : {}) } };
      if (tactic) attack.tactic = tactic;
    } else if (tactic) attack = { tactic };
    if (attack === undefined) continue;
    const key = `${tacticId}|${techniqueId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    attacks.push(attack);
  }
  return attacks;
}

/** `DOMAIN\user` when Falcon gives the logon domain separately. */
function accountName(userName: string | null | undefined, domain: string | null | undefined): string | undefined {
  if (!userName) return undefined;
  return domain && !userName.includes('\\') && !userName.includes('@') ? `${domain}\\${userName}` : userName;
}

function observablesOf(alert: FalconAlert): ObservableList {
  const observables = new ObservableList();
  const device = alert.device;
  observables.add('device.hostname', types.hostname, device?.hostname);
  observables.add('device.ip', types.ipAddress, device?.local_ip);
  observables.add('device.ip', types.ipAddress, device?.external_ip);
  observables.add('device.mac', types.macAddress, device?.mac_address);

  observables.add('actor.user.name', types.userName, accountName(alert.user_name, alert.logon_domain));
  for (const name of alert.user_names ?? []) observables.add('actor.user.name', types.userName, name);
  if (alert.user_principal?.includes('@'))
    observables.add('actor.user.email_addr', types.emailAddress, alert.user_principal);

  observables.add('process.name', types.processName, alert.filename);
  observables.add('process.file.path', types.filePath, alert.filepath);
  observables.add('process.cmd_line', types.commandLine, alert.cmdline);
  observables.addHash('file.hashes', alert.sha256);
  observables.addHash('file.hashes', alert.sha1);
  observables.addHash('file.hashes', alert.md5);

  const parent = alert.parent_details;
  observables.add('process.parent_process.name', types.processName, parent?.filename);
  observables.add('process.parent_process.file.path', types.filePath, parent?.filepath);
  observables.add('process.parent_process.cmd_line', types.commandLine, parent?.cmdline);
  observables.addHash('process.parent_process.file.hashes', parent?.sha256);
  observables.addHash('process.parent_process.file.hashes', parent?.md5);
  observables.add('process.parent_process.parent_process.name', types.processName, alert.grandparent_details?.filename);

  // The indicator an intel or custom-IOC detection matched.
  switch (alert.ioc_type) {
    case 'ipv4':
    case 'ipv6':
      observables.add('dst_endpoint.ip', types.ipAddress, alert.ioc_value);
      break;
    case 'hash_sha256':
    case 'hash_md5':
    case 'sha256':
    case 'md5':
      observables.addHash('file.hashes', alert.ioc_value);
      break;
  }

  observables.add('src_endpoint.ip', types.ipAddress, alert.source_ip_address);
  for (const ip of alert.source_ips ?? []) observables.add('src_endpoint.ip', types.ipAddress, ip);
  observables.add('http_request.user_agent', types.userAgent, alert.user_agent);
  observables.add('actor.session.credential_uid', types.resourceUid, alert.aws_access_key_id);
  observables.add('resources.uid', types.resourceUid, alert.resource_id);
  return observables;
}

/** The resource type inside a GCRN: `cid|provider|account|region|AWS::EC2::SecurityGroup|sg-...`. */
function resourceType(gcrn: string | null | undefined): string | undefined {
  const parts = gcrn?.split('|');
  return parts !== undefined && parts.length >= 6 ? parts[4] : undefined;
}

function resourcesOf(alert: FalconAlert): AlertInput['resources'] {
  if (!alert.resource_id) return undefined;
  const type = resourceType(alert.resource_gcrn) ?? alert.service ?? undefined;
  return [
    {
      uid: alert.resource_id,
      name: alert.resource_id,
      ...(type ? { type } : {}),
      ...(alert.cloud_region ? { region: alert.cloud_region } : {}),
      ...(alert.cloud_provider ? { cloud_partition: alert.cloud_provider } : {}),
      ...(alert.cloud_account_id ? { owner: { account: { uid: alert.cloud_account_id } } } : {}),
    },
  ];
}

export const falconAlertNormalizer = defineNormalizer({
  id: 'crowdstrike-falcon.alert',
  connectorId: 'crowdstrike-falcon',
  description:
    'CrowdStrike Falcon alert (Alerts API v2: endpoint detection or cloud IOA) to an OCSF Detection Finding (2004).',
  input: FalconAlert,
  // By identity, not by schema: a Falcon alert with a malformed field should fail with that field's path.
  matches: (payload) =>
    typeof payload === 'object' && payload !== null && typeof Reflect.get(payload, 'composite_id') === 'string',
  normalize(alert, payload): AlertInput {
    const severityId = falconSeverityId(alert.severity_name, alert.severity);
    const created = epochMs(alert.created_timestamp)!;
    const title = alert.display_name || alert.name || alert.description || 'CrowdStrike Falcon alert';
    const findingTypes = [alert.type, alert.product].filter((value): value is string => Boolean(value));
    const firstSeen = epochMs(alert.first_timestamp);
    const lastSeen = epochMs(alert.last_timestamp);
    const status = statusId(alert.status);
    const attacks = attacksOf(alert);
    const resources = resourcesOf(alert);
    const device = alert.device;
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
      time: epochMs(alert.timestamp) ?? created,
      ...(status !== undefined ? { status_id: status, status: alert.status } : {}),
      message: title,
      finding_info: {
        uid: alert.composite_id,
        title,
        ...(alert.description ? { desc: alert.description } : {}),
        ...(findingTypes.length > 0 ? { types: findingTypes } : {}),
        analytic: {
          type_id: 1,
          type: 'Rule',
          ...(alert.pattern_id !== null && alert.pattern_id !== undefined ? { uid: String(alert.pattern_id) } : {}),
          ...(alert.name ? { name: alert.name } : {}),
        },
        created_time: created,
        ...(firstSeen !== undefined ? { first_seen_time: firstSeen } : {}),
        ...(lastSeen !== undefined ? { last_seen_time: lastSeen } : {}),
        ...(alert.falcon_host_link ? { src_url: alert.falcon_host_link } : {}),
      },
      ...(device?.device_id || device?.hostname
        ? {
            device: {
              ...(device.device_id ? { uid: device.device_id } : {}),
              ...(device.hostname ? { hostname: device.hostname } : {}),
              ...(device.local_ip ? { ip: device.local_ip } : {}),
              ...(device.machine_domain ? { domain: device.machine_domain } : {}),
              ...(device.os_version ? { os: { name: device.os_version } } : {}),
            },
          }
        : {}),
      ...(alert.cloud_provider
        ? {
            cloud: {
              provider: alert.cloud_provider,
              ...(alert.cloud_region ? { region: alert.cloud_region } : {}),
              ...(alert.cloud_account_id ? { account: { uid: alert.cloud_account_id } } : {}),
            },
          }
        : {}),
      ...(alert.event_name
        ? {
            api: {
              operation: alert.event_name,
              ...(alert.event_source ? { service: { name: alert.event_source } } : {}),
            },
          }
        : {}),
      observables: observablesOf(alert).items,
      ...(resources ? { resources } : {}),
      ...(attacks.length > 0 ? { attacks } : {}),
      metadata: {
        product: {
          vendor_name: 'CrowdStrike',
          name: 'Falcon',
          ...(alert.source_products?.[0] ? { feature: { name: alert.source_products[0] } } : {}),
        },
        uid: alert.composite_id,
        ...(alert.cid ? { tenant_uid: alert.cid } : {}),
        ...(alert.timestamp ? { original_time: alert.timestamp } : {}),
      },
      raw_data: JSON.stringify(payload),
    };
  },
});
