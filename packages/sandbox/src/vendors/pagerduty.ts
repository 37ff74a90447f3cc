import { alertNormalizers, pagerdutyConnector } from '@rampart/connector-pagerduty';
import { pagerdutyHandlers } from '@rampart/connector-pagerduty/testing';
import type { IncidentState, World } from '../world/world.js';
import { iso, listOf, text, vendorError } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

const api = 'https://api.pagerduty.com';

function incident(world: World, state: IncidentState) {
  const service = world.seed.services.find((candidate) => candidate.id === state.serviceId);
  return {
    id: state.id,
    type: 'incident',
    summary: `[#${state.number}] ${state.title}`,
    self: `${api}/incidents/${state.id}`,
    html_url: `https://acme-sandbox.pagerduty.com/incidents/${state.id}`,
    incident_number: state.number,
    title: state.title,
    created_at: iso(state.createdAt),
    updated_at: iso(state.createdAt),
    status: state.status,
    urgency: state.urgency,
    service: {
      id: state.serviceId,
      type: 'service_reference',
      summary: service?.name ?? state.serviceId,
      self: `${api}/services/${state.serviceId}`,
    },
    assignments: [],
    acknowledgements: [],
  };
}

function find(world: World, input: Record<string, unknown>): IncidentState | Response {
  const id = text(input, 'incidentId');
  return (
    world.incidents.find((candidate) => candidate.id === id) ??
    vendorError(404, { error: { message: 'Not Found', code: 2100 } })
  );
}

/** PagerDuty: incidents on the world's services. */
export const pagerdutyVendor = defineVendorBinding({
  id: 'pagerduty',
  definition: pagerdutyConnector,
  latencyMs: 250,
  credentials: { type: 'apiKey', key: 'sandbox-pagerduty-token' },
  fallbackHandlers: () => pagerdutyHandlers(),
  alertNormalizers,
  responders: {
    listIncidents: ({ world, input }) => {
      const statuses = listOf(input.statuses);
      const incidents = world.incidents
        .filter((state) => statuses.length === 0 || statuses.includes(state.status))
        .map((state) => incident(world, state));
      return { incidents, limit: 25, offset: 0, total: incidents.length, more: false };
    },
    getIncident: ({ world, input }) => {
      const state = find(world, input);
      return state instanceof Response ? state : { incident: incident(world, state) };
    },
    createIncident: ({ world, input }) => {
      const body = (input.incident ?? {}) as {
        title?: string;
        service?: { id?: string };
        urgency?: 'high' | 'low';
        body?: { details?: string };
      };
      const serviceId = body.service?.id ?? '';
      if (!world.seed.services.some((service) => service.id === serviceId)) {
        return vendorError(400, {
          error: { message: 'Invalid Input Provided', code: 2001, errors: ['Service not found'] },
        });
      }
      const state = world.createIncident({
        title: body.title ?? '(untitled)',
        serviceId,
        ...(body.urgency !== undefined && { urgency: body.urgency }),
        ...(body.body?.details !== undefined && { body: body.body.details }),
      });
      return { incident: incident(world, state) };
    },
    updateIncident: ({ world, input }) => {
      const state = find(world, input);
      if (state instanceof Response) return state;
      const change = (input.incident ?? {}) as { status?: 'acknowledged' | 'resolved'; urgency?: 'high' | 'low' };
      if (change.status !== undefined) state.status = change.status;
      if (change.urgency !== undefined) state.urgency = change.urgency;
      return { incident: incident(world, state) };
    },
  },
});
