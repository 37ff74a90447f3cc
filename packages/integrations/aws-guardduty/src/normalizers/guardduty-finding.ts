import { type AlertInput, type AlertNormalizer, defineNormalizer, observableTypeIds } from '@rampart/core/connector';
import { z } from 'zod';

/**
 * GuardDuty findings (GetFindings `findings[]`, or the `detail` of an EventBridge "GuardDuty Finding" event) as OCSF
 * Detection Findings (2004). Field names follow the API reference's Finding type:
 * https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Finding.html
 */

export const connectorId = 'aws-guardduty';

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date-time');

const RemoteIp = z.looseObject({
  ipAddressV4: z.string().nullish(),
  ipAddressV6: z.string().nullish(),
  country: z.looseObject({ countryCode: z.string().nullish(), countryName: z.string().nullish() }).nullish(),
  city: z.looseObject({ cityName: z.string().nullish() }).nullish(),
  organization: z.looseObject({ asn: z.string().nullish(), asnOrg: z.string().nullish() }).nullish(),
});
type RemoteIp = z.infer<typeof RemoteIp>;

const Port = z.looseObject({ port: z.number().nullish(), portName: z.string().nullish() });

/** The native finding, loose: only what the mapping reads is declared. */
export const GuardDutyFinding = z.looseObject({
  accountId: z.string(),
  arn: z.string(),
  id: z.string().min(1),
  type: z.string().min(1),
  region: z.string(),
  partition: z.string().nullish(),
  severity: z.number(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  createdAt: isoTime,
  updatedAt: isoTime,
  resource: z.looseObject({
    resourceType: z.string().nullish(),
    accessKeyDetails: z
      .looseObject({
        accessKeyId: z.string().nullish(),
        principalId: z.string().nullish(),
        userName: z.string().nullish(),
        userType: z.string().nullish(),
      })
      .nullish(),
    instanceDetails: z
      .looseObject({
        instanceId: z.string().nullish(),
        networkInterfaces: z
          .array(
            z.looseObject({
              privateIpAddress: z.string().nullish(),
              publicIp: z.string().nullish(),
              privateDnsName: z.string().nullish(),
            }),
          )
          .nullish(),
      })
      .nullish(),
    s3BucketDetails: z.array(z.looseObject({ arn: z.string().nullish(), name: z.string().nullish() })).nullish(),
  }),
  service: z
    .looseObject({
      archived: z.boolean().nullish(),
      count: z.number().nullish(),
      eventFirstSeen: isoTime.nullish(),
      eventLastSeen: isoTime.nullish(),
      action: z
        .looseObject({
          actionType: z.string().nullish(),
          awsApiCallAction: z
            .looseObject({
              api: z.string().nullish(),
              serviceName: z.string().nullish(),
              userAgent: z.string().nullish(),
              remoteIpDetails: RemoteIp.nullish(),
              domainDetails: z.looseObject({ domain: z.string().nullish() }).nullish(),
            })
            .nullish(),
          networkConnectionAction: z
            .looseObject({
              connectionDirection: z.string().nullish(),
              protocol: z.string().nullish(),
              localIpDetails: z.looseObject({ ipAddressV4: z.string().nullish() }).nullish(),
              localPortDetails: Port.nullish(),
              remoteIpDetails: RemoteIp.nullish(),
              remotePortDetails: Port.nullish(),
            })
            .nullish(),
          dnsRequestAction: z.looseObject({ domain: z.string().nullish(), protocol: z.string().nullish() }).nullish(),
          portProbeAction: z
            .looseObject({
              portProbeDetails: z
                .array(z.looseObject({ remoteIpDetails: RemoteIp.nullish(), localPortDetails: Port.nullish() }))
                .nullish(),
            })
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type GuardDutyFinding = z.infer<typeof GuardDutyFinding>;

/** An EventBridge (CloudWatch Events) event carrying one finding in `detail`. */
export const GuardDutyFindingEvent = z.looseObject({
  'detail-type': z.literal('GuardDuty Finding'),
  source: z.literal('aws.guardduty'),
  id: z.string().optional(),
  detail: GuardDutyFinding,
});
export type GuardDutyFindingEvent = z.infer<typeof GuardDutyFindingEvent>;

/**
 * GuardDuty severity (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html) to OCSF
 * `severity_id`: Low 1.0-3.9 → 2 Low, Medium 4.0-6.9 → 3 Medium, High 7.0-8.9 → 4 High, Critical 9.0-10.0 (attack
 * sequences) → 5 Critical. Below 1.0 is outside GuardDuty's scale: 1 Informational; not a number: 0 Unknown.
 */
export function severityIdOf(severity: number): 0 | 1 | 2 | 3 | 4 | 5 {
  if (!Number.isFinite(severity)) return 0;
  if (severity >= 9) return 5;
  if (severity >= 7) return 4;
  if (severity >= 4) return 3;
  if (severity >= 1) return 2;
  return 1;
}

/**
 * Threat purposes (the part of the finding type before `:`) that GuardDuty bases on MITRE ATT&CK tactics
 * (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-format.html), with the tactic ids.
 */
const tacticsByThreatPurpose: Record<string, { uid: string; name: string }> = {
  InitialAccess: { uid: 'TA0001', name: 'Initial Access' },
  Execution: { uid: 'TA0002', name: 'Execution' },
  Persistence: { uid: 'TA0003', name: 'Persistence' },
  PrivilegeEscalation: { uid: 'TA0004', name: 'Privilege Escalation' },
  DefenseEvasion: { uid: 'TA0005', name: 'Defense Evasion' },
  CredentialAccess: { uid: 'TA0006', name: 'Credential Access' },
  Discovery: { uid: 'TA0007', name: 'Discovery' },
  Exfiltration: { uid: 'TA0010', name: 'Exfiltration' },
  Impact: { uid: 'TA0040', name: 'Impact' },
};

type Observable = { name: string; type_id: number; value: string };

function endpointOf(details: RemoteIp | null | undefined) {
  if (!details) return undefined;
  const ip = details.ipAddressV4 ?? details.ipAddressV6 ?? undefined;
  return {
    ...(ip ? { ip } : {}),
    location: {
      ...(details.country?.countryCode ? { country: details.country.countryCode } : {}),
      ...(details.city?.cityName ? { city: details.city.cityName } : {}),
    },
    ...(details.organization?.asn
      ? { autonomous_system: { number: Number(details.organization.asn), name: details.organization.asnOrg ?? '' } }
      : {}),
  };
}

/** Maps one parsed finding; `raw` is the payload as received, kept verbatim as `raw_data` (the finding or its event). */
export function guardDutyFindingToAlert(finding: GuardDutyFinding, raw: unknown): AlertInput {
  const observables: Observable[] = [];
  const add = (name: string, typeId: number, value: string | null | undefined) => {
    if (value) observables.push({ name, type_id: typeId, value });
  };
  const partition = finding.partition ?? 'aws';
  const resources: Array<Record<string, string>> = [];
  const resource = finding.resource;

  const accessKey = resource.accessKeyDetails;
  if (accessKey?.accessKeyId) {
    resources.push({
      uid: accessKey.accessKeyId,
      type: 'AWS::IAM::AccessKey',
      ...(accessKey.userName ? { name: accessKey.userName } : {}),
      region: finding.region,
      cloud_partition: partition,
    });
    add('resources.uid', observableTypeIds.resourceUid, accessKey.accessKeyId);
  }
  const instance = resource.instanceDetails;
  if (instance?.instanceId) {
    const instanceArn = `arn:${partition}:ec2:${finding.region}:${finding.accountId}:instance/${instance.instanceId}`;
    resources.push({
      uid: instanceArn,
      name: instance.instanceId,
      type: 'AWS::EC2::Instance',
      region: finding.region,
      cloud_partition: partition,
    });
    add('resources.uid', observableTypeIds.resourceUid, instanceArn);
  }
  for (const bucket of resource.s3BucketDetails ?? []) {
    if (!bucket.arn) continue;
    resources.push({
      uid: bucket.arn,
      ...(bucket.name ? { name: bucket.name } : {}),
      type: 'AWS::S3::Bucket',
      region: finding.region,
      cloud_partition: partition,
    });
    add('resources.uid', observableTypeIds.resourceUid, bucket.arn);
  }

  // What GuardDuty saw, as an OCSF evidence artifact: the principal, the API call, the endpoints, the DNS query.
  const evidence: Record<string, unknown> = {};
  if (accessKey?.userName || accessKey?.principalId) {
    evidence.actor = {
      user: {
        ...(accessKey.userName ? { name: accessKey.userName } : {}),
        ...(accessKey.principalId ? { uid: accessKey.principalId } : {}),
        ...(accessKey.userType ? { type: accessKey.userType } : {}),
        ...(accessKey.accessKeyId ? { credential_uid: accessKey.accessKeyId } : {}),
      },
    };
    add('evidences.actor.user.name', observableTypeIds.userName, accessKey.userName);
  }
  const localIp = instance?.networkInterfaces?.[0]?.privateIpAddress;
  const instanceEndpoint = instance?.instanceId
    ? { instance_uid: instance.instanceId, ...(localIp ? { ip: localIp } : {}) }
    : undefined;
  const action = finding.service?.action;
  const apiCall = action?.awsApiCallAction;
  if (apiCall) {
    evidence.api = {
      ...(apiCall.api ? { operation: apiCall.api } : {}),
      ...(apiCall.serviceName ? { service: { name: apiCall.serviceName } } : {}),
    };
    const caller = endpointOf(apiCall.remoteIpDetails);
    if (caller) evidence.src_endpoint = caller;
    add('evidences.src_endpoint.ip', observableTypeIds.ipAddress, caller?.ip);
    add('evidences.http_request.user_agent', observableTypeIds.userAgent, apiCall.userAgent);
    if (apiCall.domainDetails?.domain) {
      evidence.query = { hostname: apiCall.domainDetails.domain };
      add('evidences.query.hostname', observableTypeIds.hostname, apiCall.domainDetails.domain);
    }
  }
  const connection = action?.networkConnectionAction;
  if (connection) {
    const remote = endpointOf(connection.remoteIpDetails);
    const outbound = connection.connectionDirection?.toUpperCase() !== 'INBOUND';
    const local = {
      ...instanceEndpoint,
      ...(connection.localIpDetails?.ipAddressV4 ? { ip: connection.localIpDetails.ipAddressV4 } : {}),
    };
    const remotePort = connection.remotePortDetails?.port ?? undefined;
    const localPort = connection.localPortDetails?.port ?? undefined;
    evidence.src_endpoint = outbound ? { ...local, port: localPort } : { ...remote, port: remotePort };
    evidence.dst_endpoint = outbound ? { ...remote, port: remotePort } : { ...local, port: localPort };
    if (connection.protocol) evidence.connection_info = { protocol_name: connection.protocol.toLowerCase() };
    const side = outbound ? 'dst_endpoint' : 'src_endpoint';
    add(`evidences.${side}.ip`, observableTypeIds.ipAddress, remote?.ip);
    add(`evidences.${outbound ? 'src_endpoint' : 'dst_endpoint'}.ip`, observableTypeIds.ipAddress, local.ip);
  }
  const dns = action?.dnsRequestAction;
  if (dns?.domain) {
    evidence.query = { hostname: dns.domain };
    if (instanceEndpoint) evidence.src_endpoint = instanceEndpoint;
    add('evidences.query.hostname', observableTypeIds.hostname, dns.domain);
    add('evidences.src_endpoint.ip', observableTypeIds.ipAddress, localIp);
  }
  for (const probe of action?.portProbeAction?.portProbeDetails ?? []) {
    add('evidences.src_endpoint.ip', observableTypeIds.ipAddress, endpointOf(probe.remoteIpDetails)?.ip);
  }

  const threatPurpose = finding.type.split(':')[0] ?? '';
  const tactic = tacticsByThreatPurpose[threatPurpose];
  const service = finding.service;
  const created = Date.parse(finding.createdAt);
  const updated = Date.parse(finding.updatedAt);
  // Detection Finding activity: 1 Create (first report), 2 Update (updated since), 3 Close (archived).
  const activityId = service?.archived ? 3 : updated > created ? 2 : 1;
  const severityId = severityIdOf(finding.severity);
  return {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: activityId,
    type_uid: 200400 + activityId,
    severity_id: severityId,
    time: updated,
    // Detection Finding status: 1 New; archived findings are hidden from the current view: 3 Suppressed.
    status_id: service?.archived ? 3 : 1,
    ...(finding.description ? { message: finding.description } : {}),
    finding_info: {
      uid: finding.id,
      title: finding.title || finding.type,
      ...(finding.description ? { desc: finding.description } : {}),
      types: [finding.type],
      analytic: { uid: finding.type, name: finding.type, type_id: 0 },
      created_time: created,
      ...(service?.eventFirstSeen ? { first_seen_time: Date.parse(service.eventFirstSeen) } : {}),
      ...(service?.eventLastSeen ? { last_seen_time: Date.parse(service.eventLastSeen) } : {}),
      ...(service?.count != null ? { count: service.count } : {}),
    },
    observables,
    ...(resources.length > 0 ? { resources } : {}),
    ...(Object.keys(evidence).length > 0 ? { evidences: [evidence] } : {}),
    ...(tactic ? { attacks: [{ tactic }] } : {}),
    cloud: { provider: 'AWS', region: finding.region, account: { uid: finding.accountId } },
    metadata: {
      product: { vendor_name: 'Amazon Web Services', name: 'Amazon GuardDuty' },
      uid: finding.id,
      tenant_uid: finding.accountId,
      original_time: finding.updatedAt,
    },
    raw_data: JSON.stringify(raw),
    unmapped: { arn: finding.arn, severity: finding.severity },
  };
}

export const guardDutyFindingNormalizer: AlertNormalizer = defineNormalizer({
  id: `${connectorId}.finding`,
  connectorId,
  description: 'A GuardDuty finding (GetFindings findings[]) as an OCSF Detection Finding (2004).',
  input: GuardDutyFinding,
  normalize: (finding, payload) => guardDutyFindingToAlert(finding, payload),
});

export const guardDutyFindingEventNormalizer: AlertNormalizer = defineNormalizer({
  id: `${connectorId}.eventbridge-finding`,
  connectorId,
  description:
    'An EventBridge "GuardDuty Finding" event as an OCSF Detection Finding (2004); raw_data keeps the event.',
  input: GuardDutyFindingEvent,
  normalize: (event, payload) => guardDutyFindingToAlert(event.detail, payload),
});
