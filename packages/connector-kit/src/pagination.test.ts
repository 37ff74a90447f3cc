import { HttpResponse, http } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { acmeBase, sampleUser } from '../test/support/acme.js';
import { useAcmeVendor } from '../test/support/harness.js';
import { HostNotAllowedError, InvalidResponseError } from './errors.js';
import { readPath, writePath } from './json-path.js';

const users = Array.from({ length: 5 }, (_, index) => ({ ...sampleUser, id: `u${index}` }));
const alerts = Array.from({ length: 7 }, (_, index) => ({ id: `a${index}`, severity: index }));
const devices = Array.from({ length: 5 }, (_, index) => ({ id: `d${index}` }));
const findings = Array.from({ length: 5 }, (_, index) => `f${index}`);
const tickets = Array.from({ length: 5 }, (_, index) => ({ id: index }));
const logs = Array.from({ length: 3 }, (_, index) => `log-${index}`);

const { vendor, connect, server } = useAcmeVendor({
  searchUsers: { items: users, pageSize: 2 },
  listAlerts: { items: alerts, pageSize: 3 },
  listDevices: { items: devices, pageSize: 2 },
  listFindings: { items: findings, pageSize: 2 },
  listTickets: { items: tickets, pageSize: 2 },
  listLogs: { items: logs, pageSize: 1 },
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('paginate, one test per style', () => {
  it('link-header: follows rel="next" URLs', async () => {
    const { connector } = connect();
    const items = await collect(connector.paginate('searchUsers', { limit: 2 }));
    expect(items.map((user) => user.id)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expectTypeOf(items[0]!.profile.login).toEqualTypeOf<string>();
    const urls = vendor.requestsFor('searchUsers').map((request) => request.url.search);
    expect(urls).toEqual(['?limit=2', '?limit=2&after=2', '?limit=2&after=4']);
  });

  it('cursor: sends the body cursor back until it is null', async () => {
    const { connector } = connect();
    const items = await collect(connector.paginate('listAlerts', {}));
    expect(items.map((alert) => alert.id)).toEqual(alerts.map((alert) => alert.id));
    expectTypeOf(items[0]!.severity).toEqualTypeOf<number>();
    expect(vendor.requestsFor('listAlerts').map((request) => request.url.searchParams.get('cursor'))).toEqual([
      null,
      'c3',
      'c6',
    ]);
  });

  it('offset: advances by the items received and stops at the total', async () => {
    const { connector } = connect();
    const items = await collect(connector.paginate('listDevices', { limit: 2 }));
    expect(items.map((device) => device.id)).toEqual(devices.map((device) => device.id));
    expect(vendor.requestsFor('listDevices').map((request) => request.url.searchParams.get('offset'))).toEqual([
      null,
      '2',
      '4',
    ]);
  });

  it('next-token in the body (AWS style POST)', async () => {
    const { connector } = connect();
    const items = await collect(connector.paginate('listFindings', { maxResults: 2 }));
    expect(items).toEqual(findings);
    expectTypeOf(items[0]!).toEqualTypeOf<string>();
    expect(vendor.requestsFor('listFindings').map((request) => request.body)).toEqual([
      { maxResults: 2 },
      { maxResults: 2, nextToken: 't2' },
      { maxResults: 2, nextToken: 't4' },
    ]);
  });

  it('next-token in the query', async () => {
    const { connector } = connect();
    expect(await collect(connector.paginate('listLogs', {}))).toEqual(logs);
    expect(vendor.requestsFor('listLogs').map((request) => request.url.searchParams.get('token'))).toEqual([
      null,
      't1',
      't2',
    ]);
  });

  it('page-number: counts pages until a short page', async () => {
    const { connector } = connect();
    const items = await collect(connector.paginate('listTickets', { perPage: 2 }));
    expect(items.map((ticket) => ticket.id)).toEqual([0, 1, 2, 3, 4]);
    expect(vendor.requestsFor('listTickets').map((request) => request.url.searchParams.get('page'))).toEqual([
      null,
      '2',
      '3',
    ]);
  });

  it('pages() yields bodies with page numbers and one report per page', async () => {
    const { connector, reports } = connect();
    const pages = await collect(connector.pages('listAlerts', {}));
    expect(pages.map((page) => [page.page, page.items.length])).toEqual([
      [1, 3],
      [2, 3],
      [3, 1],
    ]);
    expect(pages[2]!.data.meta.next).toBeNull();
    expect(reports.map((report) => report.page)).toEqual([1, 2, 3]);
  });
});

describe('pagination limits and guards', () => {
  it('stops at maxPages and says so', async () => {
    const { connector, logger } = connect({ maxPages: 2 });
    const items = await collect(connector.paginate('listAlerts', {}));
    expect(items).toHaveLength(6);
    expect(vendor.requestsFor('listAlerts')).toHaveLength(2);
    expect(logger.lines.some((line) => line.level === 'warn' && line.message.includes('page limit (2)'))).toBe(true);
    expect(await collect(connector.paginate('listAlerts', {}, { maxPages: 1 }))).toHaveLength(3);
  });

  it('stops early when the consumer breaks out of the loop', async () => {
    const { connector } = connect();
    for await (const alert of connector.paginate('listAlerts', {})) {
      if (alert.id === 'a1') break;
    }
    expect(vendor.requestsFor('listAlerts')).toHaveLength(1);
  });

  it('ends when a vendor repeats a cursor instead of looping forever', async () => {
    const { connector } = connect();
    server().use(
      http.get(`${acmeBase}/api/v2/alerts`, () =>
        HttpResponse.json({ data: [{ id: 'x', severity: 1 }], meta: { next: 'same' } }),
      ),
    );
    expect(await collect(connector.paginate('listAlerts', {}))).toHaveLength(2);
  });

  it('refuses a next link that points at a host outside the allow-list, before sending anything there', async () => {
    const { connector } = connect();
    let evilHits = 0;
    server().use(
      http.get(`${acmeBase}/api/v1/users`, () =>
        HttpResponse.json([sampleUser], {
          headers: { link: '<https://attacker.example/steal?page=2>; rel="next"' },
        }),
      ),
      http.get('https://attacker.example/steal', () => {
        evilHits++;
        return HttpResponse.json([]);
      }),
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const user of connector.paginate('searchUsers', {})) seen.push(user.id);
    })().catch((e) => e);
    expect(seen).toEqual(['00u1']);
    expect(HostNotAllowedError.isInstance(error)).toBe(true);
    expect(error.origin).toBe('pagination');
    expect(evilHits).toBe(0);
  });

  describe('next-link: a URL in the body at a JSON Pointer (Microsoft Graph @odata.nextLink)', () => {
    const graphStyle = { style: 'next-link', nextLinkPath: '/@odata.nextLink', itemsPath: 'data' } as const;
    /** Serves alerts two per page, each page naming the next one by its full URL under a dotted key. */
    function serveLinkedPages(nextLinkFor: (skip: number) => string | undefined) {
      const received: Request[] = [];
      server().use(
        http.get(`${acmeBase}/api/v2/alerts`, ({ request }) => {
          received.push(request);
          const skip = Number(new URL(request.url).searchParams.get('$skiptoken') ?? 0);
          const page = alerts.slice(skip, skip + 2);
          const next = skip + 2 < alerts.length ? nextLinkFor(skip + 2) : undefined;
          return HttpResponse.json({
            data: page,
            meta: { next: null },
            ...(next !== undefined ? { '@odata.nextLink': next } : {}),
          });
        }),
      );
      return received;
    }

    it('follows the link as sent, items and all, when a call names the pagination itself', async () => {
      const { connector } = connect();
      const received = serveLinkedPages((skip) => `${acmeBase}/api/v2/alerts?page_size=2&$skiptoken=${skip}`);
      const items = await collect(connector.paginate('listAlerts', { pageSize: 2 }, { pagination: graphStyle }));
      expect(items.map((alert) => alert.id)).toEqual(alerts.map((alert) => alert.id));
      expectTypeOf(items[0]!.severity).toEqualTypeOf<number>();
      const sent = received.map((request) => new URL(request.url).searchParams.get('$skiptoken'));
      expect(sent).toEqual([null, '2', '4', '6']);
      // Credentials go with every page: the links stay on the API's own origin.
      expect(received.every((request) => request.headers.get('authorization') !== null)).toBe(true);
    });

    it('refuses a link to a host outside the allow-list and stops on a repeated link', async () => {
      const { connector } = connect();
      serveLinkedPages(() => 'https://attacker.example/alerts?$skiptoken=2');
      const seen: string[] = [];
      const error = await (async () => {
        for await (const alert of connector.paginate('listAlerts', {}, { pagination: graphStyle })) seen.push(alert.id);
      })().catch((caught) => caught);
      expect(seen).toEqual(['a0', 'a1']);
      expect(HostNotAllowedError.isInstance(error)).toBe(true);
      expect(error.origin).toBe('pagination');

      serveLinkedPages(() => `${acmeBase}/api/v2/alerts?$skiptoken=2`);
      const repeated = await collect(connector.paginate('listAlerts', {}, { pagination: graphStyle }));
      // Page 1, then page 2 whose link repeats page 2's own: the walk ends instead of looping.
      expect(repeated.map((alert) => alert.id)).toEqual(['a0', 'a1', 'a2', 'a3']);
    });
  });

  it('validates every page and reports items that are not an array', async () => {
    const { connector } = connect();
    server().use(http.get(`${acmeBase}/api/v1/tickets`, () => HttpResponse.json({ tickets: { not: 'an array' } })));
    await expect(collect(connector.paginate('listTickets', {}))).rejects.toSatisfy(InvalidResponseError.isInstance);
  });

  it('retries a failed page like any idempotent call and carries on', async () => {
    const { connector } = connect();
    vendor.fail('listDevices', { type: 'status', status: 503, times: 1 });
    expect(await collect(connector.paginate('listDevices', { limit: 2 }))).toHaveLength(5);
  });
});

describe('readPath and writePath', () => {
  it('read dotted paths, and JSON Pointers for keys holding dots, slashes or tildes', () => {
    const body = { '@odata.nextLink': 'https://next', meta: { 'a/b': { '~x': 1 } }, value: [1] };
    expect(readPath(body, '/@odata.nextLink')).toBe('https://next');
    expect(readPath(body, '/meta/a~1b/~0x')).toBe(1);
    expect(readPath(body, 'value')).toEqual([1]);
    expect(readPath(body, '@odata.nextLink')).toBeUndefined();
    const written: Record<string, unknown> = {};
    writePath(written, '/@odata.nextLink', 'https://next');
    writePath(written, 'meta.cursor', 'c1');
    expect(written).toEqual({ '@odata.nextLink': 'https://next', meta: { cursor: 'c1' } });
  });
});
