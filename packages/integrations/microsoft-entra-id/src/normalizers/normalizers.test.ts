import { readFileSync } from 'node:fs';
import { type Alert, entitiesOfAlert, UnrecognizedAlertError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import {
  ListRiskDetectionsOutput,
  ListRiskyUsersOutput,
  ListSignInsOutput,
  ListUserAuthenticationMethodsOutput,
  GetUserOutput,
} from '../generated/schemas.js';
import { alertNormalizers, normalizeMicrosoftEntraIdAlerts } from '../index.js';
import { entraRiskDetectionNormalizer } from './risk-detection.js';
import { entraRiskyUserNormalizer } from './risky-user.js';
import { entraSignInNormalizer } from './sign-in.js';

function fixture(name: string): { value: Record<string, unknown>[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const detections = fixture('risk-detections-list.json');
const riskyUsers = fixture('risky-users-list.json');
const signIns = fixture('sign-ins-list.json');

function entities(alert: Alert) {
  const { entities, rejected } = entitiesOfAlert(alert);
  expect(rejected).toEqual([]);
  return entities;
}

describe('fixtures', () => {
  it('parse through the output schemas of their operations, unknown vendor fields kept', () => {
    expect(ListRiskDetectionsOutput.parse(detections).value).toHaveLength(2);
    expect(ListRiskyUsersOutput.parse(riskyUsers).value).toHaveLength(2);
    const parsedSignIns = ListSignInsOutput.parse(signIns);
    expect(parsedSignIns.value?.[0]).toHaveProperty('riskEventTypes', ['unfamiliarFeatures']);
    expect(GetUserOutput.parse(fixture('user.json')).signInActivity?.lastSignInDateTime).toBe('2026-10-20T07:58:12Z');
    const methods = ListUserAuthenticationMethodsOutput.parse(fixture('authentication-methods.json'));
    expect(methods.value?.map((method) => method['@odata.type'])).toContain(
      '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
    );
  });

  it('each find exactly their own normalizer', () => {
    expect(alertNormalizers).toHaveLength(3);
    const pick = (item: unknown) => alertNormalizers.filter((normalizer) => normalizer.matches(item));
    for (const item of detections.value) expect(pick(item)).toEqual([entraRiskDetectionNormalizer]);
    for (const item of riskyUsers.value) expect(pick(item)).toEqual([entraRiskyUserNormalizer]);
    for (const item of signIns.value) expect(pick(item)).toEqual([entraSignInNormalizer]);
    expect(pick(fixture('user.json'))).toEqual([]);
  });
});

describe('risk detections → Detection Finding 2004', () => {
  const [unfamiliar, leaked] = normalizeMicrosoftEntraIdAlerts(detections);

  it('maps the detection, its risk and the sign-in evidence', () => {
    expect(unfamiliar).toMatchObject({
      class_uid: 2004,
      category_uid: 2,
      severity_id: 3,
      status_id: 1,
      time: Date.parse('2026-10-20T07:58:12.4033333Z'),
      finding_info: {
        uid: detections.value[0]!.id,
        title: 'Unfamiliar sign-in properties',
        types: ['unfamiliarFeatures', 'signin'],
        analytic: { uid: 'unfamiliarFeatures', type: 'ID Protection realtime' },
      },
      evidences: [
        {
          user: { uid: '87d349ed-44d7-43e1-9a83-5f2406dee5bd', name: 'AdeleV@contoso.com' },
          src_endpoint: { ip: '203.0.113.24', location: { city: 'Sofia', country: 'BG', lat: 42.6975 } },
        },
      ],
      metadata: {
        product: { vendor_name: 'Microsoft', name: 'Microsoft Entra ID Protection' },
        uid: detections.value[0]!.id,
        correlation_uid: 'c0ffee12-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
      },
    });
    expect(unfamiliar?.finding_info?.desc).toContain('203.0.113.24 Sofia, BG');
    expect(unfamiliar?.unmapped).toMatchObject({ entra: { additionalInfo: { userAgent: expect.any(String) } } });
    expect(JSON.parse(unfamiliar!.raw_data!)).toEqual(detections.value[0]);
    expect(entities(unfamiliar!)).toEqual([
      { kind: 'user', value: 'adelev@contoso.com' },
      { kind: 'ip', value: '203.0.113.24' },
    ]);
  });

  it('keeps additionalInfo as text when its JSON nests absurdly deep, so the alert stays serializable', () => {
    const deep = `[{"Key":"k","Value":${'['.repeat(50_000)}${']'.repeat(50_000)}}]`;
    const detection = { ...detections.value[0], additionalInfo: deep };
    const [alert] = normalizeMicrosoftEntraIdAlerts({ value: [detection] });
    expect(alert?.unmapped).toMatchObject({ entra: { additionalInfo: deep } });
    expect(() => JSON.stringify(alert)).not.toThrow();
  });

  it('an offline user-level detection without an address names only the user', () => {
    expect(leaked).toMatchObject({ severity_id: 4, finding_info: { title: 'Leaked credentials' } });
    expect(leaked?.time).toBe(Date.parse('2026-10-19T23:14:05Z'));
    expect(entities(leaked!)).toEqual([{ kind: 'user', value: 'meganb@contoso.com' }]);
  });

  it('maps an ATT&CK technique when the payload carries one (Graph beta mitreTechniqueId)', () => {
    const [alert] = normalizeMicrosoftEntraIdAlerts({ ...detections.value[0], mitreTechniqueId: 'T1078.004' });
    expect(alert?.attacks).toEqual([{ technique: { uid: 'T1078.004' } }]);
  });
});

describe('risky users → Detection Finding 2004', () => {
  const [atRisk, confirmed] = normalizeMicrosoftEntraIdAlerts(riskyUsers);

  it('rates by risk level; a confirmed compromise is Critical and in progress', () => {
    expect(atRisk).toMatchObject({
      class_uid: 2004,
      severity_id: 3,
      status_id: 1,
      finding_info: { title: 'User at medium risk' },
    });
    expect(confirmed).toMatchObject({
      severity_id: 5,
      status_id: 2,
      finding_info: { title: 'User confirmed compromised', types: ['riskyUser', 'confirmedCompromised'] },
      metadata: { uid: '6e7b768e-07e2-4810-8459-485f84f8f204@2026-10-20T09:12:03.3300000Z' },
    });
    expect(entities(confirmed!)).toEqual([{ kind: 'user', value: 'meganb@contoso.com' }]);
  });
});

describe('sign-ins → Authentication 3002', () => {
  const [risky, failed] = normalizeMicrosoftEntraIdAlerts(signIns);

  it('a risky successful sign-in: severity from its risk, user, address, location and app', () => {
    expect(risky).toMatchObject({
      class_uid: 3002,
      category_uid: 3,
      activity_id: 1,
      type_uid: 300201,
      severity_id: 3,
      status_id: 1,
      status_code: '0',
      user: { name: 'AdeleV@contoso.com', uid: '87d349ed-44d7-43e1-9a83-5f2406dee5bd' },
      src_endpoint: { ip: '203.0.113.24', location: { country: 'BG' }, os: { name: 'Windows 10' } },
      service: { name: 'Office 365 Exchange Online', uid: '00000002-0000-0ff1-ce00-000000000000' },
      metadata: { uid: '66ea54eb-6301-4ee5-be62-ff5a759b0100', product: { name: 'Microsoft Entra ID' } },
    });
    expect(risky?.finding_info).toBeUndefined();
    expect(risky?.message).toBe(
      'Sign-in by AdeleV@contoso.com to Office 365 Exchange Online succeeded; medium risk (unfamiliarFeatures)',
    );
    expect(risky?.unmapped).toMatchObject({
      entra: {
        appliedConditionalAccessPolicies: [{ displayName: 'Require MFA for medium sign-in risk', result: 'success' }],
      },
    });
    expect(entities(risky!)).toEqual([
      { kind: 'user', value: 'adelev@contoso.com' },
      { kind: 'ip', value: '203.0.113.24' },
    ]);
  });

  it('a failed sign-in without risk: Low, failure with the Entra error code', () => {
    expect(failed).toMatchObject({
      severity_id: 2,
      status_id: 2,
      status_code: '50126',
      status_detail: 'Error validating credentials due to invalid username or password.',
    });
    expect(failed?.message).toContain('failed (50126: Error validating credentials');
  });
});

describe('normalizeMicrosoftEntraIdAlerts', () => {
  it('accepts one item, an array and mixed Graph list bodies', () => {
    expect(normalizeMicrosoftEntraIdAlerts(detections.value[0])).toHaveLength(1);
    expect(normalizeMicrosoftEntraIdAlerts([...detections.value, ...riskyUsers.value, ...signIns.value])).toHaveLength(
      6,
    );
  });

  it('names the item it does not recognise', () => {
    expect(() => normalizeMicrosoftEntraIdAlerts({ value: [signIns.value[0], fixture('user.json')] })).toThrow(
      UnrecognizedAlertError,
    );
    expect(() => normalizeMicrosoftEntraIdAlerts({ value: [signIns.value[0], fixture('user.json')] })).toThrow(
      /value\[1\]/,
    );
  });
});
