import { alertNormalizers, microsoftDefenderEndpointConnector } from '@rampart/connector-microsoft-defender-endpoint';
import { microsoftDefenderEndpointHandlers } from '@rampart/connector-microsoft-defender-endpoint/testing';
import type { HostState, World } from '../world/world.js';
import { guid } from '../world/derived-ids.js';
import { sandboxDirectoryTenantId } from './bind-vendor.js';
import type { VendorCall } from './vendor-binding.js';
import { iso, text, vendorError } from './responses.js';
import { filterAlerts } from './vendor-alerts.js';
import { defineVendorBinding } from './vendor-binding.js';

const api = 'https://api.securitycenter.microsoft.com/api';

type MachineAction = Record<string, unknown> & { id: string };
type DefenderAlert = Record<string, unknown> & { id?: string };

function notFound(what: string): Response {
  return vendorError(404, { error: { code: 'ResourceNotFound', message: `${what} was not found`, target: 'sandbox' } });
}

function machine(host: HostState) {
  return {
    id: host.machineId,
    computerDnsName: host.hostname,
    firstSeen: iso(host.firstSeen),
    lastSeen: iso(host.lastSeen),
    osPlatform: host.platform === 'Windows' ? 'Windows11' : host.platform === 'Mac' ? 'macOS' : 'Linux',
    osVersion: host.osVersion,
    lastIpAddress: host.ip,
    lastExternalIpAddress: host.externalIp,
    healthStatus: 'Active',
    onboardingStatus: 'Onboarded',
    deviceValue: host.criticality === 'critical' ? 'High' : 'Normal',
    riskScore: 'None',
    exposureLevel: 'Low',
    machineTags: host.tags,
  };
}

function actions(world: World): MachineAction[] {
  return world.vendorState<MachineAction[]>('microsoft-defender-endpoint.machine-actions', () => []);
}

function alerts(world: World): DefenderAlert[] {
  return world.alertsOf('microsoft-defender-endpoint') as DefenderAlert[];
}

/** Records a machine action on a host; `apply` changes the world (isolation) when the action does. */
function machineAction(type: string, apply?: (world: World, host: HostState) => void) {
  return ({ world, input, at }: VendorCall) => {
    const reference = text(input, 'machineId') ?? '';
    const host = world.findHost(reference);
    if (host === undefined) return notFound(`Machine ${reference}`);
    apply?.(world, host);
    const action: MachineAction = {
      '@odata.context': `${api}/$metadata#MachineActions/$entity`,
      id: guid(`machine-action:${host.machineId}:${type}:${at}:${actions(world).length}`),
      type,
      scope: typeof input.IsolationType === 'string' ? input.IsolationType : null,
      requestor: 'rampart-sandbox@acme.example',
      requestorComment: text(input, 'Comment') ?? null,
      status: 'Succeeded',
      machineId: host.machineId,
      computerDnsName: host.hostname,
      creationDateTimeUtc: iso(at),
      lastUpdateDateTimeUtc: iso(at),
      requestSource: 'PublicApi',
    };
    actions(world).push(action);
    return action;
  };
}

function findAlert(world: World, input: Record<string, unknown>): DefenderAlert | Response {
  const id = text(input, 'alertId');
  return alerts(world).find((alert) => alert.id === id) ?? notFound(`Alert ${id}`);
}

/** Microsoft Defender for Endpoint: machines and their isolation, alerts, machine actions, indicators. */
export const microsoftDefenderEndpointVendor = defineVendorBinding({
  id: 'microsoft-defender-endpoint',
  definition: microsoftDefenderEndpointConnector,
  latencyMs: 450,
  credentials: {
    type: 'oauth2ClientCredentials',
    clientId: 'sandbox-defender-client',
    clientSecret: 'sandbox-defender-secret',
    tokenUrlVariables: { tenantId: sandboxDirectoryTenantId },
  },
  fallbackHandlers: () => microsoftDefenderEndpointHandlers(),
  alertNormalizers,
  classify: {
    submitIndicator: (input) =>
      input.action === 'Allowed'
        ? { capabilities: ['indicator.allow'], risk: 'write' }
        : { capabilities: ['indicator.block'], risk: 'write' },
  },
  responders: {
    listMachines: ({ world, input }) => ({
      '@odata.context': `${api}/$metadata#Machines`,
      value: filterAlerts(world.hosts.map(machine), text(input, 'filter')),
    }),
    getMachine: ({ world, input }) => {
      const reference = text(input, 'machineId') ?? '';
      const host = world.findHost(reference);
      return host === undefined ? notFound(`Machine ${reference}`) : machine(host);
    },
    containHost: machineAction('Isolate', (world, host) => world.setContained(host, true)),
    liftHostContainment: machineAction('Unisolate', (world, host) => world.setContained(host, false)),
    restrictAppExecution: machineAction('RestrictCodeExecution'),
    removeAppRestriction: machineAction('UnrestrictCodeExecution'),
    stopAndQuarantineFile: machineAction('StopAndQuarantineFile'),
    runAntivirusScan: machineAction('RunAntiVirusScan'),
    collectInvestigationPackage: machineAction('CollectInvestigationPackage'),
    getMachineAction: ({ world, input }) => {
      const id = text(input, 'machineActionId');
      return actions(world).find((action) => action.id === id) ?? notFound(`Machine action ${id}`);
    },
    listAlerts: ({ world, input }) => ({
      '@odata.context': `${api}/$metadata#Alerts`,
      value: filterAlerts(alerts(world), text(input, 'filter')),
    }),
    getAlert: ({ world, input }) => findAlert(world, input),
    updateAlert: ({ world, input, at }) => {
      const alert = findAlert(world, input);
      if (alert instanceof Response) return alert;
      for (const field of ['status', 'assignedTo', 'classification', 'determination'] as const) {
        if (typeof input[field] === 'string') alert[field] = input[field];
      }
      alert.lastUpdateTime = iso(at);
      return alert;
    },
    submitIndicator: ({ world, input, at }) => {
      const indicators = world.vendorState<Record<string, unknown>[]>(
        'microsoft-defender-endpoint.indicators',
        () => [],
      );
      const indicator = {
        id: String(indicators.length + 1),
        indicatorValue: input.indicatorValue,
        indicatorType: input.indicatorType,
        action: input.action,
        title: input.title,
        description: input.description,
        severity: input.severity ?? 'Informational',
        source: 'rampart-sandbox',
        sourceType: 'AadApp',
        creationTimeDateTimeUtc: iso(at),
        createdBy: 'rampart-sandbox',
        generateAlert: input.generateAlert ?? false,
      };
      indicators.push(indicator);
      return indicator;
    },
    listIndicators: ({ world }) => ({
      '@odata.context': `${api}/$metadata#Indicators`,
      value: world.vendorState<Record<string, unknown>[]>('microsoft-defender-endpoint.indicators', () => []),
    }),
  },
});
