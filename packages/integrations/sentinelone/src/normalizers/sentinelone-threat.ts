import { type AlertInput, defineNormalizer, severityLabel, observableTypeIds as types } from '@rampart/core/connector';
import { z } from 'zod';
import { epochMs, timestamp } from './timestamps.js';
import { ObservableList } from './observables.js';

/**
 * SentinelOne threats, as `GET /web/api/v2.1/threats` returns them (one item of `data`): the threat (file, hashes,
 * classification, confidence, statuses), the agent at detection time and now, and the behavioural indicators with
 * MITRE ATT&CK tactics and techniques. Each becomes an OCSF Detection Finding (2004).
 */

const text = z.string().nullish();
const texts = z.array(z.string()).nullish();

const NetworkInterface = z.looseObject({ inet: texts, inet6: texts });

const ThreatInfo = z.looseObject({
  threatName: text,
  classification: text,
  classificationSource: text,
  confidenceLevel: text,
  analystVerdict: text,
  incidentStatus: text,
  mitigationStatus: text,
  mitigationStatusDescription: text,
  detectionType: text,
  engines: texts,
  filePath: text,
  sha1: text,
  sha256: text,
  md5: text,
  processUser: text,
  originatorProcess: text,
  maliciousProcessArguments: text,
  storyline: text,
  createdAt: timestamp,
  identifiedAt: text,
  updatedAt: text,
});

const AgentRealtimeInfo = z.looseObject({
  accountId: text,
  agentComputerName: text,
  agentDomain: text,
  agentId: text,
  agentOsName: text,
  agentMachineType: text,
  networkInterfaces: z.array(NetworkInterface).nullish(),
});

const AgentDetectionInfo = z.looseObject({
  agentIpV4: text,
  agentIpV6: text,
  externalIp: text,
  agentLastLoggedInUserName: text,
  agentDomain: text,
});

const Indicator = z.looseObject({
  tactics: z
    .array(
      z.looseObject({
        name: text,
        source: text,
        techniques: z.array(z.looseObject({ name: text })).nullish(),
      }),
    )
    .nullish(),
});

export const SentinelOneThreat = z.looseObject({
  id: z.string().min(1),
  threatInfo: ThreatInfo,
  agentRealtimeInfo: AgentRealtimeInfo.nullish(),
  agentDetectionInfo: AgentDetectionInfo.nullish(),
  indicators: z.array(Indicator).nullish(),
});
export type SentinelOneThreat = z.infer<typeof SentinelOneThreat>;

/**
 * SentinelOne confidence to OCSF `severity_id`. Threats carry no severity, only the engine's confidence:
 * `malicious` is High (4), `suspicious` Medium (3); anything else (`n/a`, absent) is Unknown (0).
 */
export function sentinelOneSeverityId(confidenceLevel: string | null | undefined): number {
  switch (confidenceLevel) {
    case 'malicious':
      return 4;
    case 'suspicious':
      return 3;
    default:
      return 0;
  }
}

/** SentinelOne incident status to OCSF finding `status_id` (1 New, 2 In Progress, 4 Resolved). */
function statusId(status: string | null | undefined): number | undefined {
  switch (status) {
    case 'unresolved':
      return 1;
    case 'in_progress':
      return 2;
    case 'resolved':
      return 4;
    case null:
    case undefined:
      return undefined;
    default:
      return 99;
  }
}

/** OCSF `confidence_id` (2 Medium, 3 High) of the engine's verdict. */
function confidenceOf(level: string | null | undefined): { confidence_id?: number; confidence?: string } {
  if (level === 'malicious') return { confidence_id: 3, confidence: 'High' };
  if (level === 'suspicious') return { confidence_id: 2, confidence: 'Medium' };
  return {};
}

/** MITRE ATT&CK Enterprise tactics by name; SentinelOne names tactics but gives no ids. */
const tacticIds: Readonly<Record<string, string>> = {
  reconnaissance: 'TA0043',
  'resource development': 'TA0042',
  'initial access': 'TA0001',
  execution: 'TA0002',
  persistence: 'TA0003',
  'privilege escalation': 'TA0004',
  'defense evasion': 'TA0005',
  'credential access': 'TA0006',
  discovery: 'TA0007',
  'lateral movement': 'TA0008',
  collection: 'TA0009',
  'command and control': 'TA0011',
  exfiltration: 'TA0010',
  impact: 'TA0040',
};

type AttackInput = NonNullable<AlertInput['attacks']>[number];

function attacksOf(threat: SentinelOneThreat): AttackInput[] {
  const attacks: AttackInput[] = [];
  const seen = new Set<string>();
  for (const indicator of threat.indicators ?? []) {
    for (const tactic of indicator.tactics ?? []) {
      if (tactic.source && tactic.source.toUpperCase() !== 'MITRE') continue;
      const tacticId = tactic.name ? tacticIds[tactic.name.toLowerCase()] : undefined;
      const tacticObject = tacticId ? { uid: tacticId, name: tactic.name! } : undefined;
      const techniques = (tactic.techniques ?? []).map((technique) => technique.name ?? '');
      const valid = techniques.filter((technique) => /^T\d{4}(\.\d{3})?$/.test(technique));
      if (valid.length === 0 && tacticObject) valid.push('');
      for (const technique of valid) {
        const key = `${tacticId ?? ''}|${technique}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const [parent] = technique.split('.');
        const attack: AttackInput = {};
        if (tacticObject) attack.tactic = tacticObject;
        if (technique) attack.technique = { uid: parent! };
        if (technique && parent !== technique) attack.sub_technique = { uid: technique };
        if (attack.tactic || attack.technique) attacks.push(attack);
      }
    }
  }
  return attacks;
}

/** Link-local IPv6 addresses name no host beyond the local link; they are left out. */
function isLinkLocal(ip: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(ip);
}

function observablesOf(threat: SentinelOneThreat): ObservableList {
  const observables = new ObservableList();
  const agent = threat.agentRealtimeInfo;
  const detection = threat.agentDetectionInfo;
  const info = threat.threatInfo;
  observables.add('device.hostname', types.hostname, agent?.agentComputerName);
  const addresses = [
    ...(detection?.agentIpV4?.split(',') ?? []),
    ...(detection?.agentIpV6?.split(',') ?? []),
    ...(agent?.networkInterfaces ?? []).flatMap((networkInterface) => [
      ...(networkInterface.inet ?? []),
      ...(networkInterface.inet6 ?? []),
    ]),
  ];
  for (const address of addresses) {
    if (!isLinkLocal(address.trim())) observables.add('device.ip', types.ipAddress, address);
  }
  observables.add('device.ip', types.ipAddress, detection?.externalIp);
  observables.add('actor.user.name', types.userName, info.processUser);
  const lastUser = detection?.agentLastLoggedInUserName;
  const domain = detection?.agentDomain;
  observables.add(
    'device.last_logon_user.name',
    types.userName,
    lastUser && domain && !lastUser.includes('\\') ? `${domain}\\${lastUser}` : lastUser,
  );
  if (info.filePath) observables.add('file.path', types.filePath, info.filePath);
  else observables.add('file.name', types.fileName, info.threatName);
  observables.addHash('file.hashes', info.sha256);
  observables.addHash('file.hashes', info.sha1);
  observables.addHash('file.hashes', info.md5);
  observables.add('process.name', types.processName, info.originatorProcess);
  observables.add('process.cmd_line', types.commandLine, info.maliciousProcessArguments);
  return observables;
}

export const sentinelOneThreatNormalizer = defineNormalizer({
  id: 'sentinelone.threat',
  connectorId: 'sentinelone',
  description: 'SentinelOne threat (Management API v2.1) to an OCSF Detection Finding (2004).',
  input: SentinelOneThreat,
  // By identity, not by schema: a SentinelOne threat with a malformed field should fail with that field's path.
  matches: (payload) =>
    typeof payload === 'object' &&
    payload !== null &&
    typeof Reflect.get(payload, 'id') === 'string' &&
    typeof Reflect.get(payload, 'threatInfo') === 'object',
  normalize(threat, payload): AlertInput {
    const info = threat.threatInfo;
    const agent = threat.agentRealtimeInfo;
    const severityId = sentinelOneSeverityId(info.confidenceLevel);
    const status = statusId(info.incidentStatus);
    const created = epochMs(info.createdAt)!;
    const identified = epochMs(info.identifiedAt);
    const updated = epochMs(info.updatedAt);
    const title = info.threatName || `SentinelOne threat ${threat.id}`;
    const findingTypes = [info.classification, info.detectionType].filter((value): value is string => Boolean(value));
    const engines = (info.engines ?? []).join(', ');
    const attacks = attacksOf(threat);
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
      time: identified ?? created,
      ...(status !== undefined ? { status_id: status, status: info.incidentStatus } : {}),
      ...(info.mitigationStatusDescription ? { status_detail: info.mitigationStatusDescription } : {}),
      ...confidenceOf(info.confidenceLevel),
      message: title,
      finding_info: {
        uid: threat.id,
        title,
        ...(info.classification
          ? {
              desc: `${info.classification} (${info.confidenceLevel ?? 'n/a'}) on ${agent?.agentComputerName ?? 'an endpoint'}`,
            }
          : {}),
        ...(findingTypes.length > 0 ? { types: findingTypes } : {}),
        ...(engines ? { analytic: { type_id: 0, name: engines } } : {}),
        created_time: created,
        ...(identified !== undefined ? { first_seen_time: identified } : {}),
        ...(updated !== undefined ? { modified_time: updated } : {}),
      },
      ...(agent?.agentId || agent?.agentComputerName
        ? {
            device: {
              ...(agent.agentId ? { uid: agent.agentId } : {}),
              ...(agent.agentComputerName ? { hostname: agent.agentComputerName } : {}),
              ...(agent.agentDomain ? { domain: agent.agentDomain } : {}),
              ...(agent.agentOsName ? { os: { name: agent.agentOsName } } : {}),
              ...(agent.agentMachineType ? { type: agent.agentMachineType } : {}),
            },
          }
        : {}),
      observables: observablesOf(threat).items,
      ...(attacks.length > 0 ? { attacks } : {}),
      metadata: {
        product: { vendor_name: 'SentinelOne', name: 'Singularity Endpoint' },
        uid: threat.id,
        ...(agent?.accountId ? { tenant_uid: agent.accountId } : {}),
        ...(info.storyline ? { correlation_uid: info.storyline } : {}),
        original_time: info.identifiedAt ?? info.createdAt,
      },
      raw_data: JSON.stringify(payload),
    };
  },
});
