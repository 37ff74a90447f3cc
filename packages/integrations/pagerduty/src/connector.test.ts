import { readFileSync } from 'node:fs';
import { silentLogger } from '@rampart/connector-kit';
import { createMockVendor, startMockServer } from '@rampart/connector-kit/testing';
import { toolsWithCapability } from '@rampart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPagerdutyEventsTools, pagerdutyEventsConnector } from './events.js';
import { createPagerdutyConnector } from './generated/connector.js';
import { createPagerdutyMockVendor } from './generated/mocks.js';
import { normalizePagerdutyAlerts } from './index.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const single = fixture('incident-p1-triggered.json');
const list = fixture('incidents-list.json') as { incidents: unknown[] };
const vendor = createPagerdutyMockVendor({
  listIncidents: { items: list.incidents, pageSize: 1 },
  createIncident: { respond: single, status: 201 },
  updateIncident: { respond: single },
});
const events = createMockVendor(pagerdutyEventsConnector, {
  enqueueEvent: {
    status: 202,
    respond: { status: 'success', message: 'Event processed', dedup_key: 'case-2026-1042' },
  },
});
const server = startMockServer([...vendor.handlers, ...events.handlers]);
const connector = createPagerdutyConnector({
  credentials: { type: 'apiKey', key: 'u+pagerduty-key' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const eventTools = createPagerdutyEventsTools({
  routingKey: 'R0UTINGKEY0123456789ABCDEFGHIJKL',
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});

afterEach(() => {
  vendor.reset();
  events.reset();
});
afterAll(async () => {
  await connector.close();
  await eventTools.connector.close();
  server.close();
});

describe('REST API v2', () => {
  it('sends the key as Token token= and the requester in From when opening an incident', async () => {
    const created = await connector.tools.createIncident({
      requesterEmail: 'soc-bot@acme.example',
      incident: {
        type: 'incident',
        title: 'Ransomware precursor on 10.20.30.40: shadow copies deleted',
        service: { id: 'PWIXJZS', type: 'service_reference' },
        urgency: 'high',
        incident_key: 'case-2026-1042',
      },
    });
    const [request] = vendor.requestsFor('createIncident');
    expect(request?.headers.get('authorization')).toBe('Token token=u+pagerduty-key');
    expect(request?.headers.get('from')).toBe('soc-bot@acme.example');
    expect(request?.body).toMatchObject({ incident: { service: { id: 'PWIXJZS' }, urgency: 'high' } });
    expect(normalizePagerdutyAlerts(created)[0]?.finding_info?.uid).toBe('PT4KHLK');
  });

  it('resolves an incident with a PUT carrying the resolution', async () => {
    await connector.tools.updateIncident({
      incidentId: 'PT4KHLK',
      requesterEmail: 'soc-bot@acme.example',
      incident: { type: 'incident_reference', status: 'resolved', resolution: 'Host isolated and reimaged.' },
    });
    const [request] = vendor.requestsFor('updateIncident');
    expect(request?.method).toBe('PUT');
    expect(request?.url.pathname).toBe('/incidents/PT4KHLK');
    expect(request?.body).toEqual({
      incident: { type: 'incident_reference', status: 'resolved', resolution: 'Host isolated and reimaged.' },
    });
  });

  it('pages through incidents by offset and asks PagerDuty for the total', async () => {
    const incidents: unknown[] = [];
    for await (const incident of connector.paginate('listIncidents', { total: true, statuses: ['resolved'] })) {
      incidents.push(incident);
    }
    expect(incidents).toEqual(list.incidents);
    const requests = vendor.requestsFor('listIncidents');
    expect(requests.map((request) => request.url.searchParams.get('offset'))).toEqual([null, '1']);
    expect(requests[0]?.url.searchParams.get('total')).toBe('true');
    expect(requests[0]?.url.searchParams.getAll('statuses[]')).toEqual(['resolved']);
  });
});

describe('Events API v2', () => {
  it('triggers an alert on events.pagerduty.com with the routing key kept out of the model input', async () => {
    const result = await eventTools.tools.triggerAlert({
      summary: 'Confirmed ransomware precursor on fin-lt-0042',
      source: 'fin-lt-0042.acme.example',
      severity: 'critical',
      dedupKey: 'case-2026-1042',
      caseUrl: 'https://rampart.acme.example/cases/2026-1042',
    });
    expect(result).toMatchObject({ status: 'success', dedup_key: 'case-2026-1042' });
    const [request] = events.requestsFor('enqueueEvent');
    expect(request?.url.href).toBe('https://events.pagerduty.com/v2/enqueue');
    expect(request?.headers.get('x-routing-key')).toBe('R0UTINGKEY0123456789ABCDEFGHIJKL');
    expect(request?.body).toEqual({
      routing_key: 'R0UTINGKEY0123456789ABCDEFGHIJKL',
      event_action: 'trigger',
      dedup_key: 'case-2026-1042',
      payload: {
        summary: 'Confirmed ransomware precursor on fin-lt-0042',
        source: 'fin-lt-0042.acme.example',
        severity: 'critical',
      },
      client: 'Rampart',
      client_url: 'https://rampart.acme.example/cases/2026-1042',
      links: [{ href: 'https://rampart.acme.example/cases/2026-1042', text: 'Case' }],
    });
    expect(Object.keys(eventTools.tools.triggerAlert.input.shape)).not.toContain('routing_key');
  });

  it('never lets the routing key reach an error message', async () => {
    events.fail('enqueueEvent', {
      type: 'status',
      status: 400,
      body: {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ['R0UTINGKEY0123456789ABCDEFGHIJKL'],
      },
    });
    const error = await eventTools.tools
      .triggerAlert({ summary: 'x', source: 'y', severity: 'info' })
      .catch((caught: unknown) => caught as Error);
    expect(JSON.stringify(error)).not.toContain('R0UTINGKEY0123456789ABCDEFGHIJKL');
    expect(error.message).not.toContain('R0UTINGKEY0123456789ABCDEFGHIJKL');
  });
});

describe('the tool set', () => {
  it('tags incident.create on both ways of paging someone, as writes', () => {
    const tools = { ...connector.tools, ...eventTools.tools };
    expect(toolsWithCapability(tools, 'incident.create').map((tool) => [tool.name, tool.risk])).toEqual([
      ['createIncident', 'write'],
      ['triggerAlert', 'write'],
    ]);
    expect(toolsWithCapability(tools, 'alerts.list').map((tool) => tool.name)).toEqual(['listIncidents']);
  });
});
