import { createHmac } from 'node:crypto';
import { silentLogger, type TransportRequest } from '@rampart/connector-kit';
import { describe, expect, it } from 'vitest';
import {
  canonicalParameters,
  DuoSigningError,
  duoDate,
  duoSigningTransport,
  signDuoRequest,
} from './request-signing.js';
import { createDuoAdminConnector } from './signed-connector.js';

const integrationKey = 'DIWJ8X6AEYOR5OMC6TQ1';
const secretKey = 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep';

/** The oracle: Duo's documented five lines, written out by hand, signed with node:crypto directly. */
function expectedAuthorization(lines: string[]): string {
  const signature = createHmac('sha1', secretKey).update(lines.join('\n')).digest('hex');
  return `Basic ${Buffer.from(`${integrationKey}:${signature}`).toString('base64')}`;
}

describe('Duo request signing', () => {
  it('formats the date as RFC 2822 with a -0000 zone', () => {
    expect(duoDate(Date.UTC(2012, 7, 21, 17, 29, 18))).toBe('Tue, 21 Aug 2012 17:29:18 -0000');
  });

  it('canonicalises parameters sorted, RFC 3986-encoded (spaces as %20, ~ kept)', () => {
    const parameters = new URLSearchParams([
      ['username', 'root'],
      ['realname', 'First Last'],
      ['note', "a~b*c!(d)'"],
    ]);
    expect(canonicalParameters(parameters)).toBe('note=a~b%2Ac%21%28d%29%27&realname=First%20Last&username=root');
  });

  it('signs a GET over its query string', () => {
    const date = 'Tue, 21 Aug 2012 17:29:18 -0000';
    const signed = signDuoRequest(
      { method: 'get', url: 'https://API-1a2b3c4d.duosecurity.com/admin/v1/users?username=jdoe&limit=10', date },
      { integrationKey, secretKey },
    );
    expect(signed.authorization).toBe(
      expectedAuthorization([date, 'GET', 'api-1a2b3c4d.duosecurity.com', '/admin/v1/users', 'limit=10&username=jdoe']),
    );
  });

  it('signs a POST over its form body, not its query', () => {
    const date = 'Tue, 21 Aug 2012 17:29:18 -0000';
    const signed = signDuoRequest(
      {
        method: 'POST',
        url: 'https://api-1a2b3c4d.duosecurity.com/admin/v1/users/DU3RP9I2WOC59VZX672N',
        body: 'status=disabled',
        date,
      },
      { integrationKey, secretKey },
    );
    expect(signed.authorization).toBe(
      expectedAuthorization([
        date,
        'POST',
        'api-1a2b3c4d.duosecurity.com',
        '/admin/v1/users/DU3RP9I2WOC59VZX672N',
        'status=disabled',
      ]),
    );
  });
});

describe('duoSigningTransport', () => {
  function recordingTransport(sent: TransportRequest[]) {
    return {
      async send(request: TransportRequest) {
        sent.push(request);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"stat":"OK","response":[]}' };
      },
    };
  }

  it('replaces the basic credentials with the signature and sends the signed Date', async () => {
    const sent: TransportRequest[] = [];
    const now = Date.UTC(2026, 10, 27, 8, 0, 0);
    const connector = createDuoAdminConnector({
      credentials: { type: 'basic', username: integrationKey, password: secretKey },
      baseUrlVariables: { apiHost: 'api-1a2b3c4d.duosecurity.com' },
      transport: recordingTransport(sent),
      clock: { now: () => now },
      logger: silentLogger,
      retry: { maxAttempts: 1 },
    });
    await connector.tools.findUsers({ username: 'jdoe' });
    await connector.close();
    const [request] = sent;
    const date = 'Fri, 27 Nov 2026 08:00:00 -0000';
    expect(request?.headers.date).toBe(date);
    expect(request?.headers.authorization).toBe(
      expectedAuthorization([date, 'GET', 'api-1a2b3c4d.duosecurity.com', '/admin/v1/users', 'username=jdoe']),
    );
    expect(JSON.stringify(request?.headers)).not.toContain(secretKey);
    expect(JSON.stringify(request?.headers)).not.toContain(
      Buffer.from(`${integrationKey}:${secretKey}`).toString('base64'),
    );
  });

  it('refuses to send a request that carries no keys to sign with', async () => {
    const sent: TransportRequest[] = [];
    const transport = duoSigningTransport({ transport: recordingTransport(sent), clock: { now: () => 0 } });
    const error = await transport
      .send({
        method: 'GET',
        url: 'https://api-1a2b3c4d.duosecurity.com/admin/v1/users',
        headers: { authorization: 'Bearer something' },
        signal: new AbortController().signal,
      })
      .catch((caught: unknown) => caught);
    expect(DuoSigningError.isInstance(error)).toBe(true);
    expect(sent).toHaveLength(0);
  });
});
