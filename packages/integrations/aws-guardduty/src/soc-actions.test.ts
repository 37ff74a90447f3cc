import { readFileSync } from 'node:fs';
import { silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAwsGuarddutyConnector } from './generated/connector.js';
import { createAwsGuarddutyMockVendor } from './generated/mocks.js';
import { guardDutySocActions } from './soc-actions.js';

const getFindings = JSON.parse(readFileSync(new URL('./__fixtures__/get-findings.json', import.meta.url), 'utf8'));
const detectorId = '12abc34d567e8fa901bc2d34eexample';

const vendor = createAwsGuarddutyMockVendor({
  listDetectors: { respond: { detectorIds: [detectorId] } },
  listFindings: { respond: { findingIds: getFindings.findings.map((finding: { id: string }) => finding.id) } },
  getFindings: { respond: getFindings },
});
const server = startMockServer(vendor.handlers);
const connector = createAwsGuarddutyConnector({
  credentials: { type: 'awsSigV4', accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret', region: 'us-east-1' },
  baseUrlVariables: { region: 'us-east-1' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const actions = guardDutySocActions(connector);

afterEach(() => vendor.reset());
afterAll(async () => {
  await connector.close();
  server.close();
});

describe('searchGuardDutyFindings', () => {
  it('finds the detector, lists matching finding IDs and reads them', async () => {
    const result = await actions.searchGuardDutyFindings({
      minSeverity: 7,
      updatedSince: '2024-05-14T00:00:00Z',
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    });
    expect(result.detectorId).toBe(detectorId);
    expect(result.findings.map((finding) => finding.id)).toHaveLength(4);
    const [list] = vendor.requestsFor('listFindings');
    expect(list?.url.pathname).toBe(`/detector/${detectorId}/findings`);
    expect(list?.body).toEqual({
      findingCriteria: {
        criterion: {
          severity: { greaterThanOrEqual: 7 },
          'service.archived': { equals: ['false'] },
          updatedAt: { greaterThanOrEqual: Date.parse('2024-05-14T00:00:00Z') },
          'resource.accessKeyDetails.accessKeyId': { equals: ['ASIAIOSFODNN7EXAMPLE'] },
        },
      },
      sortCriteria: { attributeName: 'updatedAt', orderBy: 'DESC' },
      maxResults: 20,
    });
    expect(vendor.requestsFor('getFindings')[0]?.body).toMatchObject({ findingIds: result.findings.map((f) => f.id) });
  });

  it('skips the detector lookup when given one and GetFindings when nothing matches', async () => {
    const empty = createAwsGuarddutyMockVendor({ listFindings: { respond: { findingIds: [] } } });
    server.use(...empty.handlers);
    const result = await actions.searchGuardDutyFindings({ detectorId, includeArchived: true });
    expect(result).toEqual({ detectorId, findings: [] });
    expect(empty.requestsFor('listDetectors')).toHaveLength(0);
    expect(empty.requestsFor('getFindings')).toHaveLength(0);
    expect(empty.requestsFor('listFindings')[0]?.body).toMatchObject({
      findingCriteria: { criterion: { severity: { greaterThanOrEqual: 4 } } },
    });
    server.reset();
  });

  it('is a read tagged for listing and reading alerts', () => {
    expect(actions.searchGuardDutyFindings.risk).toBe('read');
    expect(actions.searchGuardDutyFindings.capabilities).toEqual(['alerts.list', 'alerts.get']);
  });
});

describe('dismissGuardDutyFindings', () => {
  it('records NOT_USEFUL feedback with the reason, then archives', async () => {
    const findingIds = ['3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c'];
    const result = await actions.dismissGuardDutyFindings({ detectorId, findingIds, reason: 'Authorized pentest' });
    expect(result).toEqual({ detectorId, archivedFindingIds: findingIds });
    expect(vendor.requests.map((request) => request.operation)).toEqual(['updateFindingsFeedback', 'archiveFindings']);
    expect(vendor.requests[0]?.body).toEqual({ findingIds, feedback: 'NOT_USEFUL', comments: 'Authorized pentest' });
    expect(vendor.requests[1]?.body).toEqual({ findingIds });
    expect(actions.dismissGuardDutyFindings.risk).toBe('write');
    expect(actions.dismissGuardDutyFindings.capabilities).toEqual(['alert.update']);
  });

  it('rejects a call without a reason before reaching GuardDuty', async () => {
    await expect(
      actions.dismissGuardDutyFindings({ detectorId, findingIds: ['a'], reason: '' } as never),
    ).rejects.toThrow(/reason/);
    expect(vendor.requests).toHaveLength(0);
  });
});
