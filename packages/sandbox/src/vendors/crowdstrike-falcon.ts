import {
  alertNormalizers,
  createFalconSocActions,
  crowdstrikeFalconConnector,
} from '@rampart/connector-crowdstrike-falcon';
import { crowdstrikeFalconHandlers } from '@rampart/connector-crowdstrike-falcon/testing';
import type { HostState } from '../world/world.js';
import { isoSeconds, listOf, text, vendorError } from './responses.js';
import { filterAlerts } from './vendor-alerts.js';
import { defineVendorBinding } from './vendor-binding.js';

const cid = '0123456789abcdef0123456789abcdef';
const meta = (at: number) => ({ query_time: 0.012, trace_id: `sandbox-${at}`, powered_by: 'sandbox' });

function device(host: HostState) {
  return {
    device_id: host.id,
    cid,
    hostname: host.hostname.split('.')[0]!.toUpperCase(),
    local_ip: host.ip,
    external_ip: host.externalIp,
    connection_ip: host.ip,
    machine_domain: host.hostname.includes('.') ? host.hostname.slice(host.hostname.indexOf('.') + 1) : null,
    platform_name: host.platform,
    os_version: host.osVersion,
    product_type_desc: host.criticality === 'critical' ? 'Server' : 'Workstation',
    agent_version: '7.19.18708.0',
    status: host.contained ? 'contained' : 'normal',
    first_seen: isoSeconds(host.firstSeen),
    last_seen: isoSeconds(host.lastSeen),
    tags: host.tags.map((tag) => `FalconGroupingTags/${tag}`),
  };
}

/** CrowdStrike Falcon: hosts and their network containment, Falcon alerts, custom IOCs. */
export const crowdstrikeFalconVendor = defineVendorBinding({
  id: 'crowdstrike-falcon',
  definition: crowdstrikeFalconConnector,
  latencyMs: 300,
  credentials: {
    type: 'oauth2ClientCredentials',
    clientId: 'sandbox-falcon-client',
    clientSecret: 'sandbox-falcon-secret',
  },
  fallbackHandlers: () => crowdstrikeFalconHandlers(),
  alertNormalizers,
  socTools: (connector) => createFalconSocActions(connector),
  classify: {
    setHostContainment: (input) =>
      input.action === 'lift_containment'
        ? { capabilities: ['host.release'], risk: 'write' }
        : { capabilities: ['host.contain'], risk: 'contain' },
    createCustomIocs: (input) => {
      const indicators = Array.isArray(input.indicators) ? (input.indicators as { action?: string }[]) : [];
      return indicators.some((indicator) => indicator.action === 'allow' || indicator.action === 'no_action')
        ? { capabilities: ['indicator.allow'], risk: 'write' }
        : { capabilities: ['indicator.block'], risk: 'write' };
    },
  },
  responders: {
    searchHosts: ({ world, input, at }) => {
      const hosts = filterAlerts(world.hosts.map(device), text(input, 'filter'));
      return { meta: meta(at), resources: hosts.map((host) => host.device_id), errors: [] };
    },
    getHostDetails: ({ world, input, at }) => {
      const ids = listOf(input.hostIds);
      const found = ids.flatMap((id) => {
        const host = world.findHost(id);
        return host === undefined ? [] : [device(host)];
      });
      if (found.length === 0) {
        return vendorError(404, {
          meta: meta(at),
          resources: [],
          errors: [{ code: 404, message: 'Device not found' }],
        });
      }
      return { meta: meta(at), resources: found, errors: [] };
    },
    setHostContainment: ({ world, input, at }) => {
      const ids = listOf((input.ids as unknown) ?? []);
      const hosts = ids.map((id) => world.findHost(id));
      if (hosts.some((host) => host === undefined)) {
        return vendorError(404, {
          meta: meta(at),
          resources: [],
          errors: [{ code: 404, message: 'Device not found' }],
        });
      }
      for (const host of hosts) world.setContained(host!, input.action !== 'lift_containment');
      return { meta: meta(at), resources: hosts.map((host) => ({ id: host!.id, path: '' })), errors: [] };
    },
    searchAlerts: ({ world, input, at }) => {
      const alerts = filterAlerts(world.alertsOf('crowdstrike-falcon'), text(input, 'filter')) as {
        composite_id?: string;
      }[];
      return {
        meta: { ...meta(at), pagination: { offset: 0, limit: 100, total: alerts.length } },
        resources: alerts.flatMap((alert) => (alert.composite_id ? [alert.composite_id] : [])),
        errors: [],
      };
    },
    getAlerts: ({ world, input, at }) => {
      const ids = new Set(listOf(input.composite_ids));
      const alerts = (world.alertsOf('crowdstrike-falcon') as { composite_id?: string }[]).filter(
        (alert) => alert.composite_id !== undefined && ids.has(alert.composite_id),
      );
      return { meta: meta(at), resources: alerts, errors: [] };
    },
    updateAlerts: ({ input, at }) => ({ meta: meta(at), resources: listOf(input.composite_ids), errors: [] }),
    createCustomIocs: ({ input, at }) => {
      const indicators = Array.isArray(input.indicators) ? (input.indicators as Record<string, unknown>[]) : [];
      return {
        meta: meta(at),
        resources: indicators.map((indicator, index) => ({
          ...indicator,
          id: `ioc-${at}-${index}`,
          created_on: isoSeconds(at),
          modified_on: isoSeconds(at),
          created_by: 'sandbox-falcon-client',
        })),
        errors: [],
      };
    },
  },
});
