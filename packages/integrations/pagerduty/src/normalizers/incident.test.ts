import { readFileSync } from 'node:fs';
import { entitiesOfAlert, parseAlert, UnrecognizedAlertError, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { GetIncidentOutput, ListIncidentsOutput } from '../generated/schemas.js';
import { alertNormalizers, normalizePagerdutyAlerts } from '../index.js';
import { pagerdutySeverityId } from './incident.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const list = fixture('incidents-list.json') as { incidents: Record<string, unknown>[] };
const single = fixture('incident-p1-triggered.json') as { incident: Record<string, unknown> };

describe('fixtures parse through the operation output schemas', () => {
  it('incidents-list.json is a GET /incidents page', () => {
    expect(ListIncidentsOutput.safeParse(list).error?.issues ?? []).toEqual([]);
  });

  it('incident-p1-triggered.json is a GET /incidents/{id} body', () => {
    expect(GetIncidentOutput.safeParse(single).error?.issues ?? []).toEqual([]);
  });
});

describe('PagerDuty incident normalizer', () => {
  it('turns the recorded list page into resolved Detection Findings', () => {
    const alerts = normalizePagerdutyAlerts(list);
    expect(alerts).toHaveLength(2);
    const [first] = alerts;
    expect(first).toMatchObject({
      class_uid: 2004,
      category_uid: 2,
      activity_id: 3,
      type_uid: 200403,
      severity_id: 4,
      severity: 'High',
      status_id: 4,
      time: Date.parse('2023-11-19T05:51:15Z'),
      finding_info: {
        uid: '#1578',
        title: 'this is a test',
        types: ['PagerDuty Incident'],
        analytic: { name: 'API Service', type_id: 99 },
        first_seen_time: Date.parse('2023-11-19T05:51:14Z'),
        last_seen_time: Date.parse('2023-11-19T05:51:28Z'),
        src_url: 'https://api.pagerduty.com/test',
      },
      metadata: { product: { vendor_name: 'PagerDuty', name: 'PagerDuty Incident Response' }, uid: '#1578' },
      unmapped: { incident_number: 1578, event_severity: 'info', dedup_key: 'test' },
    });
    // The ids are blanked in the recording: no resource is invented from an empty service id.
    expect(first?.resources).toBeUndefined();
    expect(JSON.parse(first?.raw_data ?? '')).toEqual(list.incidents[0]);
    expect(entitiesOfAlert(first!)).toEqual({ entities: [{ kind: 'host', value: 'test' }], rejected: [] });
    expect(alerts[1]?.finding_info?.uid).toBe('#1579');
  });

  it('ranks a P1 above the urgency and maps a triggered incident to New, with its source IP and service', () => {
    const [alert] = normalizePagerdutyAlerts(single);
    expect(alert).toMatchObject({
      severity_id: 5,
      status_id: 1,
      activity_id: 1,
      finding_info: { uid: 'PT4KHLK', types: ['PagerDuty Incident', 'ransomware'], analytic: { uid: 'PWIXJZS' } },
      resources: [{ uid: 'PWIXJZS', name: 'Corporate SOC', type: 'PagerDuty Service' }],
      metadata: { uid: 'PT4KHLK', labels: ['urgency:high'] },
      unmapped: { incident_key: 'case-2026-1042', assignees: ['Earline Greenholt'] },
    });
    expect(alert?.finding_info?.desc).toBeUndefined();
    expect(alert?.observables).toEqual([{ name: 'device.ip', type_id: 2, type: 'IP Address', value: '10.20.30.40' }]);
    expect(entitiesOfAlert(alert!).entities).toEqual([{ kind: 'ip', value: '10.20.30.40' }]);
    expect(parseAlert(alert)).toEqual(alert);
  });

  it('accepts one incident or an array as well as the envelopes', () => {
    expect(normalizePagerdutyAlerts(single.incident)).toHaveLength(1);
    expect(normalizePagerdutyAlerts([single.incident, ...list.incidents])).toHaveLength(3);
    expect(alertNormalizers.map((normalizer) => normalizer.id)).toEqual(['pagerduty.incident']);
  });

  it('maps priority, then urgency, to severity_id', () => {
    expect(pagerdutySeverityId({ priority: { summary: 'P3' }, urgency: 'high' })).toBe(3);
    expect(pagerdutySeverityId({ priority: { name: 'p5' }, urgency: 'high' })).toBe(1);
    expect(pagerdutySeverityId({ priority: { name: 'SEV-1' }, urgency: 'low' })).toBe(2);
    expect(pagerdutySeverityId({ priority: null, urgency: null })).toBe(0);
  });

  it('names the bad path of a malformed incident, and refuses what is not an incident', () => {
    const broken = structuredClone(list);
    (broken.incidents[1] as Record<string, unknown>).created_at = 42;
    const error = (() => {
      try {
        normalizePagerdutyAlerts(broken);
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['incidents[1].created_at']);
    expect(() => normalizePagerdutyAlerts({ type: 'log_entry', id: 'R1' })).toThrow(UnrecognizedAlertError);
  });

  it('names created_at when it is a string but no date (fuzz regression: it was a bare TypeError)', () => {
    const broken = structuredClone(list);
    (broken.incidents[0] as Record<string, unknown>).created_at = '2023-11-19T05:51:15Z\u0001';
    let caught: unknown;
    try {
      normalizePagerdutyAlerts(broken);
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect((caught as ValidationError).issues.map((issue) => issue.path)).toEqual(['incidents[0].created_at']);
  });
});

describe('the affected system of an incident', () => {
  const withSource = (source: string) => {
    const incident = structuredClone(single.incident) as {
      first_trigger_log_entry: { channel: { cef_details: { source_origin: string } } };
    };
    incident.first_trigger_log_entry.channel.cef_details.source_origin = source;
    return normalizePagerdutyAlerts({ incident })[0]?.observables.map((observable) => observable.name);
  };

  it('is an IP observable when the source is an address, a hostname otherwise', () => {
    expect(withSource('10.20.30.40')).toContain('device.ip');
    expect(withSource('2001:db8::7')).toContain('device.ip');
    expect(withSource('db-01.example.com')).toContain('device.hostname');
  });

  it('is classified in linear time (the IPv6 regex backtracked quadratically on a run of colons; fuzz)', () => {
    expect(withSource(`${':'.repeat(100_000)}g`)).toContain('device.hostname');
  });
});
