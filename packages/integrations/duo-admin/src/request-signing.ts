import { createHmac } from 'node:crypto';
import { fetchTransport, type Transport, type TransportRequest } from '@rampart/connector-kit';
import { type Clock, RampartError, systemClock } from '@rampart/core/connector';

/** A request reached the Duo signer without the integration and secret keys as HTTP Basic credentials. */
export class DuoSigningError extends RampartError {
  override readonly name = 'DuoSigningError' as const;

  static override isInstance(value: unknown): value is DuoSigningError {
    return RampartError.isInstance(value) && value.name === 'DuoSigningError';
  }
}

/** RFC 3986 percent-encoding (unreserved: A-Z a-z 0-9 - . _ ~), which Duo's canonical parameters use. */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => {
    return `%${character.charCodeAt(0).toString(16).toUpperCase()}`;
  });
}

function compareCodeUnits(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

/** Duo's canonical parameter line: every key=value pair RFC 3986-encoded, sorted, joined with `&`. */
export function canonicalParameters(parameters: URLSearchParams): string {
  return [...parameters]
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([leftKey, leftValue], [rightKey, rightValue]) =>
      leftKey === rightKey ? compareCodeUnits(leftValue, rightValue) : compareCodeUnits(leftKey, rightKey),
    )
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** The date line Duo signs and expects back in `Date`: RFC 2822 with a `-0000` zone, e.g. `Tue, 21 Aug 2012 17:29:18 -0000`. */
export function duoDate(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(/GMT$/, '-0000');
}

interface DuoCredentials {
  integrationKey: string;
  secretKey: string;
}

function credentialsOf(request: TransportRequest): DuoCredentials {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(request.headers.authorization ?? '');
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const separator = decoded.indexOf(':');
  if (separator <= 0 || separator === decoded.length - 1) {
    throw new DuoSigningError(
      'duo-admin: the request carries no integration key and secret key to sign with; create the connector with basic credentials { username: <integration key>, password: <secret key> }',
    );
  }
  return { integrationKey: decoded.slice(0, separator), secretKey: decoded.slice(separator + 1) };
}

/** Parameters Duo signs: the query of GET and DELETE, the form body of POST and PUT. */
function signedParameters(method: string, url: URL, body: string | undefined): URLSearchParams {
  const upper = method.toUpperCase();
  if (upper === 'POST' || upper === 'PUT') return new URLSearchParams(body ?? '');
  return url.searchParams;
}

/**
 * The `Date` and `Authorization` headers of a Duo API request: HTTP Basic with the integration key as user name and,
 * as password, the hex HMAC-SHA1 (keyed with the secret key) of the lines date, method, host, path and canonical
 * parameters (https://duo.com/docs/adminapi#authentication).
 */
export function signDuoRequest(
  request: { method: string; url: string; body?: string; date: string },
  credentials: DuoCredentials,
): { date: string; authorization: string } {
  const url = new URL(request.url);
  const canonical = [
    request.date,
    request.method.toUpperCase(),
    url.host.toLowerCase(),
    url.pathname,
    canonicalParameters(signedParameters(request.method, url, request.body)),
  ].join('\n');
  const signature = createHmac('sha1', credentials.secretKey).update(canonical).digest('hex');
  const token = Buffer.from(`${credentials.integrationKey}:${signature}`).toString('base64');
  return { date: request.date, authorization: `Basic ${token}` };
}

export interface DuoSigningTransportOptions {
  /** The transport that sends the signed request. Default: the kit's fetch transport. */
  transport?: Transport;
  /** Time for the `Date` header; the same clock the connector uses. */
  clock?: Clock;
}

/**
 * A transport that turns the kit's HTTP Basic header (integration key : secret key) into Duo's per-request signature
 * before sending, so the secret key never leaves the process. It sits below the kit because Duo signs the exact
 * method, host, path and parameters that go on the wire.
 */
export function duoSigningTransport(options: DuoSigningTransportOptions = {}): Transport {
  const inner = options.transport ?? fetchTransport();
  const clock = options.clock ?? systemClock;
  const transport: Transport = {
    async send(request) {
      const credentials = credentialsOf(request);
      const signed = signDuoRequest(
        { method: request.method, url: request.url, body: request.body, date: duoDate(clock.now()) },
        credentials,
      );
      return inner.send({
        ...request,
        headers: { ...request.headers, date: signed.date, authorization: signed.authorization },
      });
    },
  };
  if (inner.close) transport.close = () => inner.close?.() ?? Promise.resolve();
  return transport;
}
