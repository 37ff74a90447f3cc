import { createHash } from 'node:crypto';
import { type Alert, normalizeAlerts } from '@rampart/core';
import { crowdstrikeFalconVendor, type WorldSeedInput } from '@rampart/sandbox';

/**
 * A fleet of simulated tenants for scale tests: each tenant has its own workstations (and, optionally, critical
 * servers whose containment needs an analyst's approval), each host raises a burst of Falcon detections that
 * correlate into one case. Hostnames, users, addresses and file hashes are unique per host, so no two hosts'
 * alerts correlate and a containment's target names exactly one tenant's host.
 */
export interface FleetOptions {
  tenants: number;
  hostsPerTenant: number;
  /**
   * Deliveries of each host's detection: the first opens the host's case; the others are the vendor sending the
   * same detection again (a status update, a webhook retry), which de-duplication must absorb.
   */
  alertsPerHost: number;
  /** Of each tenant's hosts, how many (the last ones) are critical: containing them waits for approval. */
  criticalPerTenant?: number;
}

export interface FleetAlert {
  tenantId: string;
  /** The host's full name, as containment targets name it (`host:<hostname>`). */
  hostname: string;
  critical: boolean;
  alert: Alert;
}

export interface Fleet {
  tenantIds: string[];
  /** One world holding every tenant's hosts: each worker process simulates the vendors from it. */
  world: WorldSeedInput;
  /** Every alert, tenant by tenant and host by host. */
  alerts: FleetAlert[];
  /** Hosts by tenant, with whether each is critical. */
  hosts: { tenantId: string; hostname: string; critical: boolean }[];
}

const hex = (seed: string, length: number) => createHash('sha256').update(seed).digest('hex').slice(0, length);
const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function fleetTenantIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `tenant-${pad(index + 1, 2)}`);
}

/** Falcon severities the normalizer maps to Medium, High and Critical: the queue's priorities get exercised. */
const severities = [
  { severity: 50, severity_name: 'Medium' },
  { severity: 70, severity_name: 'High' },
  { severity: 90, severity_name: 'Critical' },
] as const;

function detection(tenantId: string, host: number, delivery: number, critical: boolean) {
  const deviceId = hex(`${tenantId}/${host}/device`, 32);
  const detectionId = `ind:${deviceId}:412850091733-10197-${2210044 + host}`;
  const user = `user${pad(host, 4)}`;
  const sha256 = hex(`${tenantId}/${host}/file`, 64);
  const at = Date.UTC(2026, 10, 20, 9, 0, 0) + host * 1_000;
  const severity = severities[host % severities.length]!;
  const subnet = 1 + (host % 250);
  return {
    deviceId,
    sha256,
    user,
    payload: {
      agent_id: deviceId,
      aggregate_id: `aggind:${deviceId}:412850091733`,
      cid: hex(tenantId, 32),
      composite_id: `${hex(tenantId, 32)}:${detectionId}`,
      id: detectionId,
      cmdline: 'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA',
      confidence: 80,
      created_timestamp: new Date(at + 13_000 + delivery * 60_000).toISOString(),
      timestamp: new Date(at).toISOString(),
      description:
        'A Microsoft Office application launched PowerShell with an encoded command line, a common way for a malicious macro to download and run a second stage.',
      device: {
        device_id: deviceId,
        hostname: critical ? `SRV-${pad(host, 4)}` : `WS-${pad(host, 4)}`,
        local_ip: `10.${subnet}.${Math.floor(host / 250)}.10`,
        external_ip: `198.51.100.${1 + (host % 250)}`,
        machine_domain: `corp.${tenantId}.example`,
        os_version: critical ? 'Windows Server 2022' : 'Windows 11',
        platform_name: 'Windows',
        product_type_desc: critical ? 'Server' : 'Workstation',
      },
      display_name: 'Office application spawned encoded PowerShell',
      // Per-host process and file names: shared ones (powershell.exe) would correlate every host into one case.
      filename: `stage2-${hex(`${tenantId}/${host}/stage`, 8)}.exe`,
      filepath: `\\Device\\HarddiskVolume3\\Users\\${user}\\AppData\\Local\\Temp\\stage2-${hex(`${tenantId}/${host}/stage`, 8)}.exe`,
      name: 'OfficeSpawnedEncodedPowerShell',
      objective: 'Follow Through',
      parent_details: {
        cmdline: `"WINWORD.EXE" /n "C:\\Users\\${user}\\Downloads\\Invoice_${host}.docm"`,
        filename: `invoice-${host}.docm.exe`,
        sha256,
        user_name: user,
      },
      mitre_attack: [
        {
          pattern_id: 10197,
          tactic: 'Execution',
          tactic_id: 'TA0002',
          technique: 'PowerShell',
          technique_id: 'T1059.001',
        },
      ],
      product: 'epp',
      ...severity,
      status: delivery === 0 ? 'new' : 'in_progress',
      tactic: 'Execution',
      tactic_id: 'TA0002',
      technique: 'PowerShell',
      technique_id: 'T1059.001',
      type: 'ldt',
      user_name: user,
      logon_domain: 'CORP',
    },
  };
}

/** Builds the fleet; the same options give the same fleet, byte for byte. */
export function createFleet(options: FleetOptions): Fleet {
  const tenantIds = fleetTenantIds(options.tenants);
  const critical = options.criticalPerTenant ?? 0;
  const users: NonNullable<WorldSeedInput['users']> = [];
  const worldHosts: NonNullable<WorldSeedInput['hosts']> = [];
  const reputation: NonNullable<WorldSeedInput['reputation']> = [];
  const hosts: Fleet['hosts'] = [];
  const alerts: FleetAlert[] = [];
  for (const tenantId of tenantIds) {
    for (let host = 1; host <= options.hostsPerTenant; host++) {
      const isCritical = host > options.hostsPerTenant - critical;
      const first = detection(tenantId, host, 0, isCritical);
      const hostname = `${first.payload.device.hostname.toLowerCase()}.corp.${tenantId}.example`;
      const email = `${first.user}@${tenantId}.example`;
      users.push({ email, name: `User ${host} of ${tenantId}`, department: 'Finance' });
      worldHosts.push({
        hostname,
        id: first.deviceId,
        ip: first.payload.device.local_ip,
        user: email,
        ...(isCritical && { criticality: 'critical' as const }),
      });
      reputation.push({ type: 'hash', value: first.sha256, verdict: 'malicious', fileName: `Invoice_${host}.docm` });
      hosts.push({ tenantId, hostname, critical: isCritical });
      for (let index = 0; index < options.alertsPerHost; index++) {
        const { payload } = detection(tenantId, host, index, isCritical);
        for (const alert of normalizeAlerts('crowdstrike-falcon', crowdstrikeFalconVendor.alertNormalizers, payload)) {
          alerts.push({ tenantId, hostname, critical: isCritical, alert });
        }
      }
    }
  }
  return { tenantIds, world: { users, hosts: worldHosts, reputation }, alerts, hosts };
}
