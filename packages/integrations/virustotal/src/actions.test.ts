import { readFileSync } from 'node:fs';
import { silentLogger, VendorNotFoundError } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { toolsWithCapability } from '@rampart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { virustotalActions } from './actions.js';
import { createVirustotalMockVendor } from './generated/mocks.js';
import { GetUrlReportOutput } from './generated/schemas.js';
import { alertNormalizers, normalizeVirusTotalAlerts } from './index.js';
import { createVirusTotalConnectorWithQuotas } from './quotas.js';
import { virusTotalUrlId } from './url-identifier.js';
import { verdictOf } from './verdict.js';

const urlReport: unknown = JSON.parse(readFileSync(new URL('./__fixtures__/url-report.json', import.meta.url), 'utf8'));

const vendor = createVirustotalMockVendor({ getUrlReport: { respond: urlReport } });
const server = startMockServer(vendor.handlers);
// A premium allowance, so these tests do not wait out the public API's one call per 15 s.
const connector = createVirusTotalConnectorWithQuotas({
  credentials: { type: 'apiKey', key: 'actions-test-key' },
  quotas: { perMinute: 1000 },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const actions = virustotalActions(connector);

afterEach(() => vendor.reset());
afterAll(async () => {
  await connector.close();
  server.close();
});

describe('virusTotalUrlId', () => {
  it('is the URL as unpadded base64url (VirusTotal URL identifiers)', () => {
    expect(virusTotalUrlId('http://www.google.com/')).toBe('aHR0cDovL3d3dy5nb29nbGUuY29tLw');
    // Standard base64 would end this one in `+`; base64url keeps the id one safe path segment.
    expect(virusTotalUrlId('https://a.test/??>')).toBe('aHR0cHM6Ly9hLnRlc3QvPz8-');
  });

  it('refangs and trims what analysts paste', () => {
    expect(virusTotalUrlId(' hxxp://www[.]google[.]com/ ')).toBe(virusTotalUrlId('http://www.google.com/'));
  });
});

describe('lookupUrl', () => {
  it('computes the URL identifier, sends the key and returns the report', async () => {
    const report = await actions.lookupUrl({ url: 'https://login.example-phish.test/office365/' });
    const [request] = vendor.requestsFor('getUrlReport');
    expect(request?.url.pathname).toBe(
      `/api/v3/urls/${virusTotalUrlId('https://login.example-phish.test/office365/')}`,
    );
    expect(request?.headers.get('x-apikey')).toBe('actions-test-key');
    expect(report.data.attributes.last_analysis_stats?.malicious).toBe(7);
    expect(verdictOf(report).verdict).toBe('malicious');
  });

  it('surfaces an unknown URL as VendorNotFoundError', async () => {
    vendor.fail('getUrlReport', {
      type: 'status',
      status: 404,
      body: { error: { code: 'NotFoundError', message: 'URL not found' } },
    });
    const error = await actions.lookupUrl({ url: 'https://never-seen.test/' }).catch((caught: unknown) => caught);
    expect(VendorNotFoundError.isInstance(error)).toBe(true);
  });

  it('is found by capability next to the generated tools, as a read', () => {
    const tools = { ...connector.tools, ...actions };
    expect(toolsWithCapability(tools, 'url.reputation').map((tool) => tool.name)).toEqual([
      'getUrlReport',
      'lookupUrl',
    ]);
    expect(actions.lookupUrl.risk).toBe('read');
    expect(toolsWithCapability(tools, 'ip.reputation').map((tool) => tool.name)).toEqual(['lookupIp']);
  });
});

describe('recorded fixtures', () => {
  it('url-report.json parses through the getUrlReport output schema, unknown vendor fields kept', () => {
    const parsed = GetUrlReportOutput.parse(urlReport);
    expect(parsed.data.type).toBe('url');
    expect(Object.keys(parsed.data.attributes.last_analysis_results ?? {}).length).toBeGreaterThan(80);
    expect(parsed.data).toHaveProperty('relationships');
  });
});

describe('alerts', () => {
  it('has no normalizers: VirusTotal emits no alerts', () => {
    expect(alertNormalizers).toEqual([]);
    expect(normalizeVirusTotalAlerts([])).toEqual([]);
    expect(() => normalizeVirusTotalAlerts(urlReport)).toThrow(/No virustotal normalizer/);
  });
});
