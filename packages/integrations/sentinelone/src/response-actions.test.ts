import { silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { ValidationError } from '@rampart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSentineloneConnector } from './generated/connector.js';
import { createSentineloneMockVendor } from './generated/mocks.js';

const vendor = createSentineloneMockVendor();
const server = startMockServer(vendor.handlers);
const sentinelOne = createSentineloneConnector({
  credentials: { type: 'apiKey', key: 'test-api-token' },
  baseUrlVariables: { consoleHost: 'usea1-partners.sentinelone.net' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});

afterEach(() => vendor.reset());
afterAll(async () => {
  await sentinelOne.close();
  server.close();
});

describe('SentinelOne response actions', () => {
  it('disconnect an endpoint by agent ID with the ApiToken scheme', async () => {
    await sentinelOne.tools.containHost({ filter: { ids: ['1645885917518993903'] } });
    const [request] = vendor.requestsFor('containHost');
    expect(request?.url.pathname).toBe('/web/api/v2.1/agents/actions/disconnect');
    expect(request?.headers.get('authorization')).toBe('ApiToken test-api-token');
    expect(request?.body).toEqual({ filter: { ids: ['1645885917518993903'] } });
  });

  it('refuse an empty ID list, which SentinelOne would apply to every agent', async () => {
    const error = await sentinelOne.tools.containHost({ filter: { ids: [] } }).catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(vendor.requests).toHaveLength(0);
  });

  it('carry the risk of what they do to the endpoint', () => {
    const { tools } = sentinelOne;
    expect([tools.killThreatProcesses.risk, tools.quarantineThreats.risk, tools.containHost.risk]).toEqual([
      'contain',
      'contain',
      'contain',
    ]);
    expect([tools.unquarantineThreats.risk, tools.liftHostContainment.risk]).toEqual(['write', 'write']);
    expect([tools.remediateThreats.risk, tools.rollbackThreats.risk]).toEqual(['destructive', 'destructive']);
  });
});
