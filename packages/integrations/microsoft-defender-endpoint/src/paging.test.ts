import { silentLogger } from '@rampart/connector-kit';
import { type MockRequest, mockOAuth2TokenEndpoint, startMockServer } from '@rampart/connector-kit/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMicrosoftDefenderEndpointConnector } from './generated/connector.js';
import { createMicrosoftDefenderEndpointMockVendor, microsoftDefenderEndpointSamples } from './generated/mocks.js';
import { defenderPages } from './paging.js';

const sample = microsoftDefenderEndpointSamples.listMachines.value![0]!;
const machines = ['a', 'b', 'c', 'd', 'e'].map((letter) => ({ ...sample, id: letter.repeat(40) }));

/** Answers like Defender: `$top` items from `$skip`, with `@odata.nextLink` while there are more. */
function odataPages(request: MockRequest) {
  const top = Number(request.url.searchParams.get('$top') ?? 2);
  const skip = Number(request.url.searchParams.get('$skip') ?? 0);
  const value = machines.slice(skip, skip + top);
  const next = new URL(request.url);
  next.searchParams.set('$skip', String(skip + top));
  return {
    '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#Machines',
    value,
    ...(skip + top < machines.length ? { '@odata.nextLink': next.toString() } : {}),
  };
}

const vendor = createMicrosoftDefenderEndpointMockVendor({ listMachines: odataPages });
const tokenEndpoint = mockOAuth2TokenEndpoint(
  'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
);
const server = startMockServer([...vendor.handlers, tokenEndpoint.handler]);
const defender = createMicrosoftDefenderEndpointConnector({
  credentials: {
    type: 'oauth2ClientCredentials',
    clientId: 'test-client',
    clientSecret: 'test-secret',
    tokenUrlVariables: { tenantId: 'contoso.onmicrosoft.com' },
  },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});

afterEach(() => vendor.reset());
afterAll(async () => {
  await defender.close();
  server.close();
});

describe('defenderPages over the OAuth2-authenticated connector', () => {
  it('follows @odata.nextLink until the last page, keeping the filter', async () => {
    const ids: string[] = [];
    const pages = defenderPages(defender, 'listMachines', { filter: "healthStatus eq 'Active'", top: 2 });
    for await (const machine of pages) ids.push(machine.id!);
    expect(ids).toEqual(machines.map((machine) => machine.id));
    const requests = vendor.requestsFor('listMachines');
    expect(requests.map((request) => request.url.searchParams.get('$skip'))).toEqual([null, '2', '4']);
    expect(requests.every((request) => request.url.searchParams.get('$filter') === "healthStatus eq 'Active'")).toBe(
      true,
    );
  });

  it('stops at maxPages', async () => {
    const ids: string[] = [];
    for await (const machine of defenderPages(defender, 'listMachines', { top: 2 }, { maxPages: 1 }))
      ids.push(machine.id!);
    expect(ids).toHaveLength(2);
  });

  it("authenticates with the tenant's token endpoint and the Defender scope", async () => {
    await defender.tools.getMachine({ machineId: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07' });
    expect(tokenEndpoint.requests[0]?.body).toMatchObject({
      grant_type: 'client_credentials',
      scope: 'https://api.securitycenter.microsoft.com/.default',
      client_id: 'test-client',
    });
    const [request] = vendor.requestsFor('getMachine');
    expect(request?.headers.get('authorization')).toMatch(/^Bearer token-\d+$/);
  });
});
