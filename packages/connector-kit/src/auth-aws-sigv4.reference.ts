import { createHash, createHmac } from 'node:crypto';

/**
 * An independent SigV4 implementation written from AWS's description of the algorithm
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html), used only by the tests as an oracle
 * for the kit's signer (which is `@smithy/signature-v4`, the AWS SDK's own). Not exported from the package.
 */

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

/** The `authorization` header AWS expects for `request` signed at `epochMilliseconds`. */
export function referenceAuthorization(
  request: { method: string; url: URL; headers: Record<string, string>; body?: string },
  identity: { accessKeyId: string; secretAccessKey: string },
  scope: { region: string; service: string },
  epochMilliseconds: number,
): string {
  const { dateTime, date } = amzDates(epochMilliseconds);
  const { url } = request;
  const payloadHash = sha256Hex(request.body ?? '');
  const canonical = new Map<string, string>([['host', url.host]]);
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || unsignedHeaders.has(lower) || lower.startsWith('proxy-')) continue;
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
  const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [algorithm, dateTime, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${identity.secretAccessKey}`, date), scope.region), scope.service),
    'aws4_request',
  );
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return `${algorithm} Credential=${identity.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
