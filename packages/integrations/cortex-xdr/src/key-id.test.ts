import { silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCortexXdrMockVendor } from './generated/mocks.js';
import { createCortexXdrConnectorWithKeyId, InvalidCortexXdrKeyIdError } from './key-id.js';

const vendor = createCortexXdrMockVendor();
const server = startMockServer(vendor.handlers);
const baseOptions = {
  credentials: { type: 'apiKey', key: 'xdr-standard-key' },
  baseUrlVariables: { fqdn: 'acme.xdr.us.paloaltonetworks.com' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
} as const;

afterEach(() => vendor.reset());
afterAll(() => server.close());

describe('createCortexXdrConnectorWithKeyId', () => {
  it('sends the key in Authorization and its ID in x-xdr-auth-id, beside the host headers', async () => {
    const connector = createCortexXdrConnectorWithKeyId({
      ...baseOptions,
      apiKeyId: 12,
      headers: { 'x-request-source': 'rampart' },
    });
    await connector.tools.listEndpoints({ request_data: { search_from: 0, search_to: 10 } });
    const [request] = vendor.requestsFor('listEndpoints');
    expect(request?.headers.get('authorization')).toBe('xdr-standard-key');
    expect(request?.headers.get('x-xdr-auth-id')).toBe('12');
    expect(request?.headers.get('x-request-source')).toBe('rampart');
    await connector.close();
  });

  it.each([['0'], ['12a'], [''], [-3], ['abc']])('refuses %j as a key ID, naming the option', (apiKeyId) => {
    const error = (() => {
      try {
        createCortexXdrConnectorWithKeyId({ ...baseOptions, apiKeyId });
      } catch (caught) {
        return caught;
      }
    })();
    expect(InvalidCortexXdrKeyIdError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('apiKeyId');
  });
});
