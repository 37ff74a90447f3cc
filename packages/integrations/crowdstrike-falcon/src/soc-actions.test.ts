import { silentLogger } from '@rampart/connector-kit';
import { mockOAuth2TokenEndpoint, startMockServer } from '@rampart/connector-kit/testing';
import { ValidationError } from '@rampart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCrowdstrikeFalconConnector } from './generated/connector.js';
import { createCrowdstrikeFalconMockVendor } from './generated/mocks.js';
import { createFalconSocActions } from './soc-actions.js';

const vendor = createCrowdstrikeFalconMockVendor();
const server = startMockServer([
  ...vendor.handlers,
  mockOAuth2TokenEndpoint('https://api.crowdstrike.com/oauth2/token').handler,
]);
const falcon = createCrowdstrikeFalconConnector({
  credentials: { type: 'oauth2ClientCredentials', clientId: 'test-client', clientSecret: 'test-secret' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const actions = createFalconSocActions(falcon);
const hostId = '4d92d2adf9009775a446ce0fe2689915';

afterEach(() => vendor.reset());
afterAll(async () => {
  await falcon.close();
  server.close();
});

describe('createFalconSocActions', () => {
  it('containHost contains by device ID, with containment risk', async () => {
    await actions.containHost({ hostIds: [hostId] });
    const [request] = vendor.requestsFor('setHostContainment');
    expect(request?.url.searchParams.get('action_name')).toBe('contain');
    expect(request?.body).toEqual({ ids: [hostId] });
    expect(actions.containHost.risk).toBe('contain');
    expect(actions.containHost.capabilities).toEqual(['host.contain']);
    expect(actions.containHost.annotations.destructiveHint).toBe(true);
  });

  it('liftHostContainment lifts containment, as a write', async () => {
    await actions.liftHostContainment({ hostIds: [hostId] });
    const [request] = vendor.requestsFor('setHostContainment');
    expect(request?.url.searchParams.get('action_name')).toBe('lift_containment');
    expect(actions.liftHostContainment.risk).toBe('write');
    expect(actions.liftHostContainment.capabilities).toEqual(['host.release']);
  });

  it('rejects a hostname where a device ID belongs, before calling Falcon', async () => {
    const error = await actions.containHost({ hostIds: ['WS-FIN-042'] }).catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(vendor.requests).toHaveLength(0);
  });
});
