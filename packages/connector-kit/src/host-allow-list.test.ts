import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { acme, acmeBase, SECRET_TOKEN, sampleUser } from '../test/support/acme.js';
import { useAcmeVendor } from '../test/support/harness.js';
import { createConnector } from './connector.js';
import { ConnectorHttpError, HostNotAllowedError } from './errors.js';
import { HostAllowList } from './host-allow-list.js';

describe('HostAllowList', () => {
  const list = new HostAllowList(['api.example.com', '*.okta.example', 'localhost:8443']);
  it.each([
    ['https://api.example.com/x', true],
    ['https://API.EXAMPLE.COM/x', true],
    ['https://api.example.com:8443/x', false],
    ['https://api.example.com.evil.example/x', false],
    ['https://evilapi.example.com/x', false],
    ['https://acme.okta.example/x', true],
    ['https://okta.example/x', false],
    ['https://a.b.okta.example/x', true],
    ['https://user:pass@api.example.com/x', false],
    ['http://api.example.com/x', false],
    ['ftp://api.example.com/x', false],
    ['http://localhost:8443/x', true],
    ['http://localhost:9999/x', false],
  ])('%s -> %s', (url, allowed) => {
    expect(list.allows(new URL(url))).toBe(allowed);
  });

  it('allows plain http to other hosts only when asked', () => {
    expect(new HostAllowList(['intranet.example'], true).allows(new URL('http://intranet.example/'))).toBe(true);
  });
});

const { connect, server } = useAcmeVendor({ getUser: () => sampleUser });

describe('the SSRF guard in the connector', () => {
  it('refuses at construction a base URL outside an explicit allow-list', () => {
    expect(() =>
      createConnector(acme, {
        credentials: { type: 'ssws', token: SECRET_TOKEN },
        baseUrlVariables: { domain: 'tenant.acme.example' },
        allowedHosts: ['other.acme.example'],
      }),
    ).toThrow(HostNotAllowedError);
  });

  it('refuses a redirect to a foreign host and never sends it', async () => {
    const { connector } = connect();
    let foreign = 0;
    server().use(
      http.get(`${acmeBase}/api/v1/users/:id`, () =>
        HttpResponse.json(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }),
      ),
      http.get('http://169.254.169.254/latest/meta-data/', () => {
        foreign++;
        return HttpResponse.json({});
      }),
    );
    const error = await connector.tools.getUser({ userId: '00u1' }).catch((e) => e);
    expect(HostNotAllowedError.isInstance(error)).toBe(true);
    expect(error.origin).toBe('redirect');
    expect(error.isRetryable).toBe(false);
    expect(foreign).toBe(0);
  });

  it('follows a same-host redirect for GET, keeping credentials on the API origin', async () => {
    const { connector } = connect();
    const authorizations: (string | null)[] = [];
    server().use(
      http.get(`${acmeBase}/api/v1/users/old`, () =>
        HttpResponse.json(null, { status: 301, headers: { location: '/api/v1/users/new' } }),
      ),
      http.get(`${acmeBase}/api/v1/users/new`, ({ request }) => {
        authorizations.push(request.headers.get('authorization'));
        return HttpResponse.json({ ...sampleUser, id: 'new' });
      }),
    );
    await expect(connector.tools.getUser({ userId: 'old' })).resolves.toMatchObject({ id: 'new' });
    expect(authorizations).toEqual([`SSWS ${SECRET_TOKEN}`]);
  });

  it('does not follow redirects of state-changing calls', async () => {
    const { connector } = connect();
    server().use(
      http.post(`${acmeBase}/api/v1/incidents`, () =>
        HttpResponse.json(null, { status: 307, headers: { location: `${acmeBase}/api/v2/incidents` } }),
      ),
    );
    const error = await connector.tools.createIncident({ title: 't', severity: 1 }).catch((e) => e);
    expect(ConnectorHttpError.isInstance(error)).toBe(true);
    expect(error.status).toBe(307);
  });

  it('stops a redirect loop', async () => {
    const { connector } = connect({ maxRedirects: 3 });
    let hops = 0;
    server().use(
      http.get(`${acmeBase}/api/v1/users/:id`, () => {
        hops++;
        return HttpResponse.json(null, { status: 302, headers: { location: `/api/v1/users/loop${hops}` } });
      }),
    );
    await expect(connector.tools.getUser({ userId: 'x' })).rejects.toThrow(/more than 3 redirects/);
    expect(hops).toBe(4);
  });
});
