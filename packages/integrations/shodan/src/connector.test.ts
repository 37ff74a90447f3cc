import { createConnector, silentLogger, VendorNotFoundError } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { shodanConnector } from './generated/connector.js';
import { createShodanMockVendor } from './generated/mocks.js';

const apiKey = 'shodan-secret-key-0123456789abcd';
const vendor = createShodanMockVendor();
const server = startMockServer(vendor.handlers);
// Without the 1-per-second quota: these tests are about where the key goes, and must not wait on a real clock.
const connector = createConnector(
  { ...shodanConnector, quotas: [] },
  {
    credentials: { type: 'apiKey', key: apiKey },
    logger: silentLogger,
    retry: { maxAttempts: 1 },
  },
);

afterEach(() => vendor.reset());
afterAll(async () => {
  await connector.close();
  server.close();
});

describe('Shodan API key', () => {
  it('travels as the key query parameter, as Shodan requires, beside the tool input', async () => {
    await connector.tools.lookupIp({ ip: '198.51.100.23', minify: true });
    const [request] = vendor.requestsFor('lookupIp');
    expect(request?.url.pathname).toBe('/shodan/host/198.51.100.23');
    expect(request?.url.searchParams.get('key')).toBe(apiKey);
    expect(request?.url.searchParams.get('minify')).toBe('true');
    expect(request?.headers.get('authorization')).toBeNull();
  });

  it('stays out of the error when Shodan has no data on an address (404)', async () => {
    vendor.fail('lookupIp', { type: 'status', status: 404, body: { error: 'No information available for that IP.' } });
    const error = await connector.tools.lookupIp({ ip: '198.51.100.99' }).catch((caught: unknown) => caught);
    expect(VendorNotFoundError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain(apiKey);
    expect(String((error as Error).message)).not.toContain(apiKey);
    expect(String((error as Error).stack)).not.toContain(apiKey);
  });
});
