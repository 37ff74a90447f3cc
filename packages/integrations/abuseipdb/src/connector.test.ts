import { readFileSync } from 'node:fs';
import { silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { toolsWithCapability } from '@rampart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { abuseipdbConnector } from './generated/connector.js';
import { createAbuseipdbMockVendor } from './generated/mocks.js';
import * as schemas from './generated/schemas.js';
import { alertNormalizers, normalizeAbuseipdbAlerts } from './index.js';
import { abuseipdbConnectorForPlan, createAbuseipdbConnectorForPlan } from './plans.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const check = fixture('check-verbose.json');
const reportsPage = fixture('reports-page.json') as { data: { results: unknown[] } };

const vendor = createAbuseipdbMockVendor({
  lookupIp: { respond: check, headers: { 'X-RateLimit-Limit': '1000', 'X-RateLimit-Remaining': '998' } },
  listIpReports: { items: reportsPage.data.results },
});
const server = startMockServer(vendor.handlers);
const connector = createAbuseipdbConnectorForPlan({
  plan: 'basic',
  credentials: { type: 'apiKey', key: 'abuseipdb-test-key' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});

afterEach(() => vendor.reset());
afterAll(async () => {
  await connector.close();
  server.close();
});

describe('recorded-format fixtures parse through their operation output schemas', () => {
  it.each([
    ['check-verbose.json', schemas.LookupIpOutput],
    ['reports-page.json', schemas.ListIpReportsOutput],
    ['report.json', schemas.ReportIpOutput],
    ['blacklist.json', schemas.GetBlacklistOutput],
    ['check-block.json', schemas.CheckNetworkBlockOutput],
  ])('%s', (name, schema) => {
    expect(schema.safeParse(fixture(name)).error?.issues ?? []).toEqual([]);
  });
});

describe('lookupIp', () => {
  it('sends the key header and the query, and returns the abuse score', async () => {
    const result = await connector.tools.lookupIp({ ipAddress: '118.25.6.39', maxAgeInDays: 90, verbose: true });
    const [request] = vendor.requestsFor('lookupIp');
    expect(request?.headers.get('key')).toBe('abuseipdb-test-key');
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      ipAddress: '118.25.6.39',
      maxAgeInDays: '90',
      verbose: 'true',
    });
    expect(result.data.abuseConfidenceScore).toBe(100);
    expect(result.data.reports?.map((report) => report.categories)).toEqual([[18, 22], [14]]);
  });

  it('only accepts verbose as a flag that is set', () => {
    expect(schemas.LookupIpInput.safeParse({ ipAddress: '118.25.6.39', verbose: false }).success).toBe(false);
  });

  it('is the ip.reputation tool a reasoner finds first', () => {
    expect(toolsWithCapability(connector.tools, 'ip.reputation')[0]?.name).toBe('lookupIp');
  });
});

describe('listIpReports', () => {
  it('pages through the reports by page number until a short page', async () => {
    const reports: unknown[] = [];
    for await (const report of connector.paginate('listIpReports', { ipAddress: '118.25.6.39', perPage: 1 })) {
      reports.push(report);
    }
    expect(reports).toEqual(reportsPage.data.results);
    expect(vendor.requestsFor('listIpReports').map((request) => request.url.searchParams.get('page'))).toEqual([
      null,
      '2',
      '3',
    ]);
  });
});

describe('plans', () => {
  it('states the free Standard plan in the manifest', () => {
    expect(Object.fromEntries(abuseipdbConnector.quotas.map((quota) => [quota.id, quota.limit]))).toEqual({
      'check-daily': 1000,
      'reports-daily': 100,
      'report-daily': 1000,
      'blacklist-daily': 5,
      'check-block-daily': 100,
    });
  });

  it('applies a paid plan to every endpoint, keeping sources and windows', () => {
    const premium = abuseipdbConnectorForPlan('premium');
    expect(premium.quotas.find((quota) => quota.id === 'check-daily')?.limit).toBe(50_000);
    expect(premium.quotas.find((quota) => quota.id === 'blacklist-daily')?.limit).toBe(500);
    expect(premium.quotas.every((quota) => quota.windowMs === 86_400_000 && quota.source.includes('abuseipdb'))).toBe(
      true,
    );
  });
});

describe('alerts', () => {
  it('has no normalizers: AbuseIPDB emits no alerts', () => {
    expect(alertNormalizers).toEqual([]);
    expect(() => normalizeAbuseipdbAlerts(check)).toThrow(/No abuseipdb normalizer/);
  });
});
