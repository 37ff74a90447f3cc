import { readFileSync } from 'node:fs';
import { alertTitle, type Entity, entitiesOfAlert, UnrecognizedAlertError, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { ListSystemLogEventsOutput } from '../generated/schemas.js';
import { alertNormalizers, normalizeOktaAlerts } from '../index.js';
import { oktaSystemLogEventNormalizer } from './system-log-event.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const recorded = fixture('system-log-events.json') as Record<string, unknown>[];
const security = fixture('security-events.json') as Record<string, unknown>[];
const byType = (eventType: string) => security.find((event) => event.eventType === eventType)!;

function entities(payload: unknown): Entity[] {
  const [alert] = normalizeOktaAlerts(payload);
  const { entities, rejected } = entitiesOfAlert(alert!);
  expect(rejected).toEqual([]);
  return entities;
}

describe('okta.system-log-event fixtures', () => {
  it('parse through the listSystemLogEvents output schema, unknown vendor fields kept', () => {
    for (const body of [recorded, security]) {
      const parsed = ListSystemLogEventsOutput.parse(body);
      expect(parsed).toHaveLength(body.length);
    }
    const [first] = ListSystemLogEventsOutput.parse(recorded);
    expect(first?.authenticationContext).toHaveProperty('issuer', null);
  });

  it('is the only normalizer and recognises every event', () => {
    expect(alertNormalizers).toEqual([oktaSystemLogEventNormalizer]);
    for (const event of [...recorded, ...security]) expect(oktaSystemLogEventNormalizer.matches(event)).toBe(true);
    expect(oktaSystemLogEventNormalizer.matches(fixture('user.json'))).toBe(false);
  });
});

describe('recorded group membership removal (admin change)', () => {
  const alerts = normalizeOktaAlerts(recorded);

  it('becomes Account Change 3001 with the target user, the admin as actor and the client address', () => {
    expect(alerts).toHaveLength(2);
    const [alert] = alerts;
    expect(alert).toMatchObject({
      class_uid: 3001,
      category_uid: 3,
      activity_id: 99,
      type_uid: 300199,
      severity_id: 1,
      status_id: 1,
      time: Date.parse('2021-12-13T01:47:08.556Z'),
      message: 'Remove user from group membership',
      metadata: { product: { vendor_name: 'Okta' }, uid: '123', correlation_uid: '123' },
      user: { uid: '123', name: 'test.com', groups: [{ uid: '123', name: 'test1' }] },
      actor: { user: { uid: '123', name: 'example' } },
      src_endpoint: { ip: '8.8.8.8', location: { city: 'Boardman', region: 'Oregon', lat: 1.2, long: 3.4 } },
    });
    expect(alert?.finding_info).toBeUndefined();
    expect(alertTitle(alert!)).toBe('Remove user from group membership');
  });

  it('keeps the vendor payload verbatim in raw_data', () => {
    expect(JSON.parse(alerts[0]!.raw_data!)).toEqual(recorded[0]);
  });

  it('names the user, the admin and the address as entities', () => {
    expect(entities(recorded[0])).toEqual([
      { kind: 'user', value: 'test.com' },
      { kind: 'user', value: 'example' },
      { kind: 'ip', value: '8.8.8.8' },
    ]);
  });
});

describe('sign-in and MFA events become Authentication 3002', () => {
  it('a failed sign-in: Low, failure reason, user email and client address, geo on src_endpoint', () => {
    const [alert] = normalizeOktaAlerts(byType('user.session.start'));
    expect(alert).toMatchObject({
      class_uid: 3002,
      activity_id: 1,
      type_uid: 300201,
      severity_id: 3,
      status_id: 2,
      status_detail: 'INVALID_CREDENTIALS',
      message: 'User login to Okta: FAILURE (INVALID_CREDENTIALS)',
      metadata: { uid: '6b1f3c2e-8a4d-11ef-9c1b-0b5e6f1a2d01' },
      user: { email_addr: 'dana.whitfield@acme.example.com', uid: '00u8k2x7QJhN3cVbF4d7' },
      service: { name: 'Okta' },
      is_mfa: false,
      src_endpoint: {
        ip: '203.0.113.45',
        location: { city: 'Rotterdam', region: 'South Holland', desc: 'Rotterdam, South Holland, Netherlands' },
        autonomous_system: { number: 64500 },
      },
    });
    expect(alert?.finding_info).toBeUndefined();
    expect(alert?.observables.map((observable) => [observable.name, observable.type_id])).toEqual([
      ['user.email_addr', 5],
      ['src_endpoint.ip', 2],
      ['http_request.user_agent', 16],
    ]);
    expect(entities(byType('user.session.start'))).toEqual([
      { kind: 'email', value: 'dana.whitfield@acme.example.com' },
      { kind: 'ip', value: '203.0.113.45' },
    ]);
  });

  it('a denied Okta Verify push (MFA fatigue) is High and marked as MFA', () => {
    const [alert] = normalizeOktaAlerts(byType('user.mfa.okta_verify.deny_push'));
    expect(alert).toMatchObject({ class_uid: 3002, severity_id: 4, is_mfa: true, status_id: 2 });
    expect(alert?.session).toEqual({ uid: 'idxQ0sQk3mBTzW1rY7bU2nHcA' });
    expect(alert?.unmapped).toMatchObject({ okta: { debugData: { pushOnlyResponseType: 'OV_RESPONSE_DENY' } } });
  });

  it('a sign-on policy DENY is Medium', () => {
    const [alert] = normalizeOktaAlerts(byType('policy.evaluate_sign_on'));
    expect(alert).toMatchObject({
      class_uid: 3002,
      severity_id: 3,
      status_id: 2,
      src_endpoint: { ip: '198.51.100.77' },
    });
    expect(alert?.message).toBe('Evaluation of sign-on policy: DENY (Sign-on policy evaluation resulted in DENY)');
  });
});

describe('ThreatInsight becomes Detection Finding 2004', () => {
  const event = byType('security.threat.detected');

  it('with finding_info, High severity and the suspicious address as evidence', () => {
    const [alert] = normalizeOktaAlerts(event);
    expect(alert).toMatchObject({
      class_uid: 2004,
      category_uid: 2,
      severity_id: 4,
      status_id: 2,
      finding_info: {
        uid: 'a41c5f9e-8a4d-11ef-8e77-21f6d3c4b003',
        title: 'Request from suspicious actor',
        types: ['security.threat.detected', 'Password Spray'],
        analytic: { name: 'Okta ThreatInsight' },
      },
      evidences: [{ src_endpoint: { ip: '198.51.100.23' } }],
    });
    expect(alert?.finding_info?.desc).toContain('{"Password Spray":"HIGH"}');
    // The actor of a ThreatInsight event is `unknown`: no user entity is invented.
    expect(entities(event)).toEqual([{ kind: 'ip', value: '198.51.100.23' }]);
  });
});

describe('account changes become Account Change 3001', () => {
  it('a lockout is Lock (9), Medium, on the locked user', () => {
    const [alert] = normalizeOktaAlerts(byType('user.account.lock'));
    expect(alert).toMatchObject({ class_uid: 3001, activity_id: 9, activity_name: 'Lock', severity_id: 3 });
    expect(alert?.user).toMatchObject({ email_addr: 'dana.whitfield@acme.example.com' });
  });

  it('an admin suspending a user is Disable (5) with the admin as actor', () => {
    const event = byType('user.lifecycle.suspend');
    const [alert] = normalizeOktaAlerts(event);
    expect(alert).toMatchObject({ class_uid: 3001, activity_id: 5, severity_id: 1, status_id: 1 });
    expect(alert?.message).toBe('Suspend Okta user');
    expect(entities(event)).toEqual([
      { kind: 'email', value: 'dana.whitfield@acme.example.com' },
      { kind: 'email', value: 'soc.analyst@acme.example.com' },
      { kind: 'ip', value: '192.0.2.10' },
    ]);
  });
});

describe('other events', () => {
  it('become API Activity 6003 with the targets as resources', () => {
    const [alert] = normalizeOktaAlerts({
      ...recorded[0],
      eventType: 'system.api_token.create',
      displayMessage: 'Create API token',
    });
    expect(alert).toMatchObject({
      class_uid: 6003,
      api: { operation: 'system.api_token.create' },
      resources: [
        { uid: '123', type: 'User', name: 'test this' },
        { uid: '123', type: 'UserGroup', name: 'test1' },
      ],
    });
  });
});

describe('normalizeOktaAlerts', () => {
  it('accepts one event, the list body and an envelope', () => {
    expect(normalizeOktaAlerts(security[0])).toHaveLength(1);
    expect(normalizeOktaAlerts(security)).toHaveLength(security.length);
    expect(normalizeOktaAlerts({ items: security })).toHaveLength(security.length);
  });

  it('names the item a payload it does not recognise', () => {
    expect(() => normalizeOktaAlerts([security[0], { eventType: 'x' }])).toThrow(UnrecognizedAlertError);
    expect(() => normalizeOktaAlerts([security[0], { eventType: 'x' }])).toThrow(/\[1\]/);
  });

  it('reports a declared field of the wrong type as a ValidationError', () => {
    const error = (() => {
      try {
        oktaSystemLogEventNormalizer.normalize({ ...security[0], published: 42 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
  });
});
