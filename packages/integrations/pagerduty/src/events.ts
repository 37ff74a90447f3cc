import { type ConnectorOptions, createConnector, defineConnector, defineOperation } from '@rampart/connector-kit';
import { defineTool } from '@rampart/core/connector';
import { z } from 'zod';

/**
 * PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2-overview): alerts in, on
 * events.pagerduty.com. The generator writes one base URL per connector, so this second, small definition is
 * hand-written. The credential is a service's integration (routing) key rather than a REST API key; it travels in
 * the body's `routing_key`, as the reference requires, and in the `X-Routing-Key` header that PagerDuty's own
 * client library sends, so the kit treats it as a secret (redacted, never logged) and counts quotas per key.
 */

const EnqueueInput = z.object({
  routing_key: z.string().min(1),
  event_action: z.enum(['trigger', 'acknowledge', 'resolve']),
  dedup_key: z.string().max(255).optional(),
  payload: z
    .object({
      summary: z.string().min(1).max(1024),
      source: z.string().min(1),
      severity: z.enum(['critical', 'error', 'warning', 'info']),
      timestamp: z.iso.datetime({ offset: true }).optional(),
      component: z.string().optional(),
      group: z.string().optional(),
      class: z.string().optional(),
      custom_details: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  client: z.string().optional(),
  client_url: z.string().optional(),
  links: z.array(z.object({ href: z.string(), text: z.string().optional() })).optional(),
});

const EnqueueOutput = z.looseObject({
  status: z.string(),
  message: z.string().nullish(),
  dedup_key: z.string().nullish(),
});

export const pagerdutyEventsConnector = defineConnector({
  id: 'pagerduty-events',
  vendor: 'PagerDuty',
  product: 'PagerDuty Events API v2',
  categories: ['other'],
  baseUrl: 'https://events.pagerduty.com',
  auth: {
    type: 'apiKey',
    id: 'routing-key',
    in: 'header',
    name: 'X-Routing-Key',
    description: 'The integration key (routing key) of a service’s Events API v2 integration.',
    documentation: 'https://developer.pagerduty.com/docs/events-api-v2-overview',
  },
  quotas: [
    {
      id: 'events-per-routing-key',
      scope: 'credential',
      appliesTo: 'all',
      limit: 120,
      windowMs: 60_000,
      source: 'https://developer.pagerduty.com/docs/events-api-v2-overview',
    },
  ],
  operations: {
    enqueueEvent: defineOperation({
      name: 'enqueueEvent',
      operationId: 'enqueue',
      description:
        'Sends an alert event (trigger, acknowledge or resolve) to the PagerDuty service of the routing key; ' +
        'events with the same dedup_key update one alert.',
      method: 'POST',
      path: '/v2/enqueue',
      parameters: [],
      body: { contentType: 'application/json' },
      input: EnqueueInput,
      output: EnqueueOutput,
      risk: 'write',
      idempotent: false,
    }),
  },
  documentation: 'https://developer.pagerduty.com/docs/events-api-v2-overview',
});

export const TriggerAlertInput = z.object({
  summary: z
    .string()
    .min(1)
    .max(1024)
    .describe('What is wrong, as the page will read, e.g. "Confirmed ransomware precursor on FIN-LT-0042".'),
  source: z
    .string()
    .min(1)
    .describe('The affected system, preferably a host name or FQDN, e.g. fin-lt-0042.acme.example.'),
  severity: z.enum(['critical', 'error', 'warning', 'info']).describe('How bad it is; the service maps it to urgency.'),
  dedupKey: z
    .string()
    .max(255)
    .optional()
    .describe('Key that groups repeat events into one alert, e.g. the case id. Default: PagerDuty makes one.'),
  component: z.string().optional().describe('Part of the source affected, e.g. endpoint-agent.'),
  group: z.string().optional().describe('Logical grouping, e.g. finance-laptops.'),
  class: z.string().optional().describe('Kind of event, e.g. ransomware.'),
  customDetails: z.record(z.string(), z.unknown()).optional().describe('Free-form details shown on the alert.'),
  caseUrl: z.string().url().optional().describe('Link to the case, shown on the alert.'),
});

export type PagerdutyEventsOptions = Omit<ConnectorOptions<typeof pagerdutyEventsConnector>, 'credentials'> & {
  /** The integration key of the service to alert; never shown to a model. */
  routingKey: string;
};

/**
 * Events API v2 tools bound to one service's routing key: `triggerAlert` pages that service's on-call through its
 * event rules. The key is given here by the host, not by the model.
 */
export function createPagerdutyEventsTools(options: PagerdutyEventsOptions) {
  const { routingKey, ...connectorOptions } = options;
  const connector = createConnector(pagerdutyEventsConnector, {
    ...connectorOptions,
    credentials: { type: 'apiKey', key: routingKey },
  });
  const triggerAlert = defineTool({
    name: 'triggerAlert',
    description:
      'Triggers a PagerDuty alert on the service this connector is bound to, through its Events API v2 ' +
      'integration: depending on severity and the service’s rules it opens an incident and pages the on-call ' +
      'responder. Set dedupKey (e.g. the case id) so repeats update one alert instead of paging again.',
    input: TriggerAlertInput,
    output: EnqueueOutput,
    risk: 'write',
    idempotent: false,
    capabilities: ['incident.create'],
    execute: (input, context) =>
      connector.tools.enqueueEvent(
        {
          routing_key: routingKey,
          event_action: 'trigger',
          ...(input.dedupKey !== undefined ? { dedup_key: input.dedupKey } : {}),
          payload: {
            summary: input.summary,
            source: input.source,
            severity: input.severity,
            ...(input.component !== undefined ? { component: input.component } : {}),
            ...(input.group !== undefined ? { group: input.group } : {}),
            ...(input.class !== undefined ? { class: input.class } : {}),
            ...(input.customDetails !== undefined ? { custom_details: input.customDetails } : {}),
          },
          client: 'Rampart',
          ...(input.caseUrl !== undefined
            ? { client_url: input.caseUrl, links: [{ href: input.caseUrl, text: 'Case' }] }
            : {}),
        },
        context,
      ),
  });
  return { connector, tools: { triggerAlert } as const };
}
