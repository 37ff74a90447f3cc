import { createHash, createHmac } from 'node:crypto';
import type { Clock } from '@rampart/core';
import type { OutgoingRequest } from './auth.js';
import type { AwsIdentity, AwsSigV4Credentials } from './definition.js';
import type { Redactor } from './redaction.js';

/**
 * AWS Signature Version 4 on `node:crypto`, written from AWS's description of the algorithm
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). Signing is four hashes and five
 * HMACs; doing it here instead of through `@smithy/signature-v4` keeps 3 MB and ~30 ms of import out of every
 * connector, AWS or not. Tests check it against AWS's published example and against `@smithy/signature-v4`.
 */

/** Identities from a provider are reused until five minutes before they expire. */
const identityRefreshMs = 5 * 60_000;
const algorithm = 'AWS4-HMAC-SHA256';

/**
 * Headers left unsigned: hop-by-hop and client-chosen headers that proxies and the HTTP stack may add, drop or
 * rewrite (a signed header that changes on the way invalidates the signature). The set AWS SDKs leave out.
 */
const unsignedHeaders = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, value: string): Buffer {
  return createHmac('sha256', key).update(value, 'utf8').digest();
}

/** RFC 3986 percent-encoding: everything but `A-Z a-z 0-9 - _ . ~`, as SigV4 requires. */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The canonical URI: `.` and `..` segments resolved, empty ones dropped, and each segment encoded once more. The
 * URL's path is already percent-encoded, so services other than S3 see it encoded twice, as SigV4 says they must.
 */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(encodeRfc3986(segment));
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}

/** Parameters sorted by encoded name, then encoded value. */
function canonicalQuery(url: URL): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    if (name.toLowerCase() === 'x-amz-signature') continue;
    pairs.push([encodeRfc3986(name), encodeRfc3986(value)]);
  }
  pairs.sort(([nameA, valueA], [nameB, valueB]) =>
    nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0,
  );
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** `20150830T123600Z` and `20150830`. */
function amzDates(epochMilliseconds: number): { dateTime: string; date: string } {
  const dateTime = new Date(epochMilliseconds)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return { dateTime, date: dateTime.slice(0, 8) };
}

/** Signs every attempt afresh (the date is signed); the signing key is kept per day. */
export class AwsSigV4Authenticator {
  private cachedIdentity: AwsIdentity | undefined;
  private signingKey: { scope: string; secret: string; key: Buffer } | undefined;

  constructor(
    private readonly options: {
      service: string;
      region: string;
      credentials: AwsSigV4Credentials;
      clock: Clock;
      redactor: Redactor;
      /** `x-amz-content-sha256`; on by default (S3 requires it, other services ignore it). */
      applyChecksum?: boolean;
    },
  ) {}

  private async identity(): Promise<AwsIdentity> {
    const { credentials, clock, redactor } = this.options;
    if (credentials.provider === undefined) return credentials;
    const cached = this.cachedIdentity;
    if (
      cached !== undefined &&
      (cached.expiration === undefined || cached.expiration.getTime() - identityRefreshMs > clock.now())
    ) {
      return cached;
    }
    const identity = await credentials.provider();
    redactor.addSecret(identity.secretAccessKey);
    redactor.addSecret(identity.sessionToken);
    this.cachedIdentity = identity;
    return identity;
  }

  private keyFor(secret: string, date: string, scope: string): Buffer {
    const cached = this.signingKey;
    if (cached !== undefined && cached.scope === scope && cached.secret === secret) return cached.key;
    const key = hmac(
      hmac(hmac(hmac(`AWS4${secret}`, date), this.options.region), this.options.service),
      'aws4_request',
    );
    this.signingKey = { scope, secret, key };
    return key;
  }

  /** Adds `x-amz-date`, `x-amz-security-token`, `x-amz-content-sha256` and `authorization` to `request`. */
  async sign(request: OutgoingRequest): Promise<void> {
    const identity = await this.identity();
    const { dateTime, date } = amzDates(this.options.clock.now());
    const { url } = request;
    const payloadHash = sha256Hex(request.body ?? '');
    request.headers['x-amz-date'] = dateTime;
    if (identity.sessionToken !== undefined) request.headers['x-amz-security-token'] = identity.sessionToken;
    if (this.options.applyChecksum ?? true) request.headers['x-amz-content-sha256'] = payloadHash;

    // Host is signed but never set by hand: the transport derives it from the URL (fetch refuses to set it).
    const canonical = new Map<string, string>([['host', url.host]]);
    for (const [name, value] of Object.entries(request.headers)) {
      const lower = name.toLowerCase();
      if (unsignedHeaders.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) continue;
      canonical.set(lower, value.trim().replace(/\s+/g, ' '));
    }
    const names = [...canonical.keys()].sort();
    const signedHeaders = names.join(';');
    const canonicalRequest = [
      request.method,
      canonicalPath(url.pathname),
      canonicalQuery(url),
      ...names.map((name) => `${name}:${canonical.get(name)}`),
      '',
      signedHeaders,
      payloadHash,
    ].join('\n');
    const scope = `${date}/${this.options.region}/${this.options.service}/aws4_request`;
    const stringToSign = [algorithm, dateTime, scope, sha256Hex(canonicalRequest)].join('\n');
    const signature = createHmac('sha256', this.keyFor(identity.secretAccessKey, date, scope))
      .update(stringToSign, 'utf8')
      .digest('hex');
    request.headers.authorization = `${algorithm} Credential=${identity.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }
}
