/**
 * Keeps credentials out of errors, log lines and recorded requests. Three layers: header names and query keys
 * that always carry secrets, the secret values themselves (scrubbed from any text), and token-looking fields in
 * bodies (an OAuth2 token response echoed in an error excerpt).
 */

export const REDACTED = '[REDACTED]';

const alwaysSensitiveHeaders = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-apikey',
  'x-auth-token',
  'x-access-token',
  'x-amz-security-token',
  'x-csrf-token',
];

const alwaysSensitiveQueryKeys = [
  'api_key',
  'apikey',
  'api-key',
  'key',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'password',
  'secret',
  'signature',
  'sig',
  'code',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
];

// Also matches JSON nested in a JSON string (`\"access_token\":\"...\"`), as vendors echo bodies in error text.
const bodySecretField =
  /(\\?"(?:access_token|refresh_token|id_token|client_secret|password|secret|token|apiKey|api_key)\\?"\s*:\s*\\?")[^"\\]*/gi;
const formSecretField = /\b(access_token|refresh_token|id_token|client_secret|password)=[^&\s]*/gi;

/** The shortest value scrubbed by substring; shorter ones would redact ordinary text. */
const minimumSecretLength = 6;

export class Redactor {
  private readonly headerNames: Set<string>;
  private readonly queryKeys: Set<string>;
  private readonly secrets = new Set<string>();

  constructor(
    options: { headers?: readonly string[]; queryKeys?: readonly string[]; secrets?: readonly string[] } = {},
  ) {
    this.headerNames = new Set([
      ...alwaysSensitiveHeaders,
      ...(options.headers ?? []).map((name) => name.toLowerCase()),
    ]);
    this.queryKeys = new Set([
      ...alwaysSensitiveQueryKeys,
      ...(options.queryKeys ?? []).map((key) => key.toLowerCase()),
    ]);
    for (const secret of options.secrets ?? []) this.addSecret(secret);
  }

  /** Registers a value (a key, a password, a freshly issued access token) to scrub wherever it shows up. */
  addSecret(secret: string | undefined): void {
    if (secret === undefined || secret.length < minimumSecretLength) return;
    this.secrets.add(secret);
    // Secrets also travel encoded: in URLs and in Basic credentials.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.secrets.add(encoded);
  }

  isSensitiveHeader(name: string): boolean {
    return this.headerNames.has(name.toLowerCase());
  }

  /** Replaces every known secret value in `text`, then token-looking body fields. */
  scrub(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result.replace(bodySecretField, `$1${REDACTED}`).replace(formSecretField, `$1=${REDACTED}`);
  }

  url(value: string | URL): string {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      return this.scrub(String(value));
    }
    if (url.username !== '') url.username = REDACTED;
    if (url.password !== '') url.password = REDACTED;
    for (const key of [...new Set(url.searchParams.keys())]) {
      if (this.queryKeys.has(key.toLowerCase())) url.searchParams.set(key, REDACTED);
    }
    // URLSearchParams encodes the brackets; keep the marker readable.
    return this.scrub(url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED));
  }

  headers(headers: Iterable<[string, string]> | Readonly<Record<string, string>>): Record<string, string> {
    const entries = Symbol.iterator in headers ? [...(headers as Iterable<[string, string]>)] : Object.entries(headers);
    const result: Record<string, string> = {};
    for (const [name, value] of entries) {
      result[name.toLowerCase()] = this.isSensitiveHeader(name) ? REDACTED : this.scrub(value);
    }
    return result;
  }

  /** A short, secret-free excerpt of a body for errors. */
  excerpt(body: string, maximumLength = 2048): string {
    // Scrub before cutting, so a secret straddling the cut cannot leak its first half.
    const scrubbed = this.scrub(body);
    return scrubbed.length > maximumLength ? `${scrubbed.slice(0, maximumLength)}…` : scrubbed;
  }
}
