import { silentLogger, type TransportRequest, type TransportResponse } from '@rampart/connector-kit';
import { describe, expect, it } from 'vitest';
import { createProofpointTapConnector } from './empty-window.js';

function cannedTransport(response: TransportResponse, sent: TransportRequest[] = []) {
  return {
    async send(request: TransportRequest) {
      sent.push(request);
      return response;
    },
  };
}

function connectorAnswering(response: TransportResponse, sent: TransportRequest[] = []) {
  return createProofpointTapConnector({
    credentials: { type: 'basic', username: 'service-principal', password: 'tap-secret' },
    transport: cannedTransport(response, sent),
    logger: silentLogger,
    retry: { maxAttempts: 1 },
  });
}

describe('createProofpointTapConnector', () => {
  it('turns a SIEM 204 (no events in the window) into an empty event set', async () => {
    const sent: TransportRequest[] = [];
    const connector = connectorAnswering({ status: 204, headers: {}, body: '' }, sent);
    const events = await connector.tools.listThreatIssues({ sinceSeconds: 3600 });
    expect(events.messagesDelivered ?? []).toEqual([]);
    expect(events.clicksPermitted ?? []).toEqual([]);
    expect(new URL(sent[0]?.url ?? '').searchParams.get('format')).toBe('json');
    await connector.close();
  });

  it('passes events through unchanged when the window has some', async () => {
    const body = JSON.stringify({
      queryEndTime: '2026-11-26T11:00:00Z',
      clicksPermitted: [{ recipient: 'j.doe@example.com', url: 'https://payroll-portal.example.net/login' }],
    });
    const connector = connectorAnswering({ status: 200, headers: { 'content-type': 'application/json' }, body });
    const events = await connector.tools.listPermittedClicks({ sinceSeconds: 600 });
    expect(events.queryEndTime).toBe('2026-11-26T11:00:00Z');
    expect(events.clicksPermitted?.map((click) => click.recipient)).toEqual(['j.doe@example.com']);
    await connector.close();
  });

  it('leaves a 204 outside the SIEM API to the generated schema, which rejects it', async () => {
    const connector = connectorAnswering({ status: 204, headers: {}, body: '' });
    await expect(connector.tools.getThreatSummary({ threatId: 'a'.repeat(64) })).rejects.toThrow(/output schema/);
    await connector.close();
  });
});
