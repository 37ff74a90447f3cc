import {
  alertNormalizers,
  googleWorkspaceAlertCenterConnector,
} from '@rampart/connector-google-workspace-alert-center';
import { googleWorkspaceAlertCenterHandlers } from '@rampart/connector-google-workspace-alert-center/testing';
import type { World } from '../world/world.js';
import { iso, text, vendorError } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

type CenterAlert = Record<string, unknown> & { alertId?: string; metadata?: Record<string, unknown> };

function alerts(world: World): CenterAlert[] {
  return world.alertsOf('google-workspace-alert-center') as CenterAlert[];
}

function find(world: World, input: Record<string, unknown>): CenterAlert | Response {
  const id = text(input, 'alertId');
  return (
    alerts(world).find((alert) => alert.alertId === id) ??
    vendorError(404, { error: { code: 404, message: `Alert ${id} not found.`, status: 'NOT_FOUND' } })
  );
}

/** Google Workspace Alert Center: the scenario's alerts (suspicious logins, user-reported phishing …). */
export const googleWorkspaceAlertCenterVendor = defineVendorBinding({
  id: 'google-workspace-alert-center',
  definition: googleWorkspaceAlertCenterConnector,
  latencyMs: 300,
  credentials: { type: 'bearer', token: 'sandbox-google-token' },
  fallbackHandlers: () => googleWorkspaceAlertCenterHandlers(),
  alertNormalizers,
  seedAlerts: (world, payloads) =>
    world.addVendorAlerts(
      'google-workspace-alert-center',
      payloads.flatMap((payload) => {
        const record = payload as { alerts?: unknown[] };
        return Array.isArray(record.alerts) ? record.alerts : [payload];
      }),
    ),
  responders: {
    listAlerts: ({ world }) => ({ alerts: alerts(world) }),
    getAlert: ({ world, input }) => find(world, input),
    getAlertMetadata: ({ world, input }) => {
      const alert = find(world, input);
      if (alert instanceof Response) return alert;
      return {
        customerId: alert.customerId ?? 'C0sandbox',
        alertId: alert.alertId,
        status: 'NOT_STARTED',
        severity: 'MEDIUM',
        ...alert.metadata,
      };
    },
    submitAlertFeedback: ({ world, input, at }) => {
      const alert = find(world, input);
      if (alert instanceof Response) return alert;
      return {
        customerId: alert.customerId ?? 'C0sandbox',
        alertId: alert.alertId,
        feedbackId: `feedback-${at}`,
        createTime: iso(at),
        type: input.type,
        email: 'rampart@sandbox.example',
      };
    },
  },
});
