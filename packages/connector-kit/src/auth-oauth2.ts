import { type Clock, issuesOf } from '@rampart/core/connector';
import { z } from 'zod';
import type { OutgoingRequest } from './auth.js';
import type { OAuth2ClientCredentials, OAuth2ClientCredentialsAuthDefinition } from './definition.js';
import { AuthenticationError, InvalidResponseError } from './errors.js';
import { errorForStatus, recordRequest, recordResponse } from './http-errors.js';
import type { Redactor } from './redaction.js';
import type { TransportResponse } from './transport.js';

/** Sends a token request (host-checked, with timeouts); network failures surface as `VendorUnavailableError`. */
export type TokenExchange = (request: OutgoingRequest) => Promise<TransportResponse>;

const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

interface CachedToken {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

/** Lifetime assumed when a token endpoint does not say (`expires_in` is only RECOMMENDED by RFC 6749). */
const defaultLifetimeMs = 5 * 60_000;

/**
 * Client-credentials tokens: cached, refreshed `refreshSkewMs` before expiry, and fetched single-flight, so N
 * concurrent calls on a cold cache make one token request.
 */
export class OAuth2TokenSource {
  private cached: CachedToken | undefined;
  private inflight: Promise<CachedToken> | undefined;

  constructor(
    private readonly options: {
      connectorId: string;
      definition: OAuth2ClientCredentialsAuthDefinition;
      credentials: OAuth2ClientCredentials;
      tokenUrl: URL;
      clock: Clock;
      redactor: Redactor;
      exchange: TokenExchange;
      refreshSkewMs?: number | undefined;
    },
  ) {}

  async token(signal?: AbortSignal): Promise<string> {
    const now = this.options.clock.now();
    if (this.cached !== undefined && now < this.cached.refreshAt) return this.cached.token;
    if (this.inflight === undefined) {
      this.inflight = this.fetchToken().finally(() => {
        this.inflight = undefined;
      });
    }
    // One caller's cancellation must not fail the shared request the others wait on.
    const pending = this.inflight;
    if (signal === undefined) return (await pending).token;
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      pending
        .then(
          (cached) => resolve(cached.token),
          (error: unknown) => reject(error),
        )
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Drops the cached token if it is the one that was rejected. */
  invalidate(token: string | undefined): boolean {
    if (token !== undefined && this.cached?.token === token) this.cached = undefined;
    return true;
  }

  private async fetchToken(): Promise<CachedToken> {
    const { definition, credentials, tokenUrl, clock, redactor } = this.options;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const scopes = credentials.scopes ?? definition.scopes;
    if (scopes !== undefined && scopes.length > 0) form.set('scope', scopes.join(' '));
    if (definition.audience !== undefined) form.set('audience', definition.audience);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if ((definition.clientAuthentication ?? 'clientSecretBasic') === 'clientSecretBasic') {
      // RFC 6749 §2.3.1: form-encode id and secret before joining them for Basic.
      const pair = `${formEncode(credentials.clientId)}:${formEncode(credentials.clientSecret)}`;
      const encoded = Buffer.from(pair).toString('base64');
      redactor.addSecret(encoded);
      headers.authorization = `Basic ${encoded}`;
    } else {
      form.set('client_id', credentials.clientId);
      form.set('client_secret', credentials.clientSecret);
    }
    const request: OutgoingRequest = { method: 'POST', url: new URL(tokenUrl), headers, body: form.toString() };
    const requestedAt = clock.now();
    const response = await this.options.exchange(request);
    const base = { connector: this.options.connectorId, operation: 'oauth2Token', redactor, request };
    if (response.status < 200 || response.status >= 300) {
      const error = errorForStatus(base, response, undefined);
      // The token endpoint answers 400/401 for a bad client id or secret (RFC 6749 §5.2).
      if (response.status === 400 || response.status === 401) {
        throw new AuthenticationError(`token request rejected (${response.status})`, {
          connector: base.connector,
          operation: base.operation,
          request: error.request,
          ...(error.response !== undefined ? { response: error.response } : {}),
        });
      }
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    const parsed = TokenResponse.safeParse(body);
    if (!parsed.success) {
      throw new InvalidResponseError('token response is not a client-credentials token', {
        connector: base.connector,
        operation: base.operation,
        request: recordRequest(redactor, request),
        response: recordResponse(redactor, response),
        issues: issuesOf(parsed.error),
      });
    }
    redactor.addSecret(parsed.data.access_token);
    const lifetimeMs = parsed.data.expires_in !== undefined ? parsed.data.expires_in * 1000 : defaultLifetimeMs;
    // Short-lived tokens would otherwise be refreshed on every call.
    const skewMs = Math.min(this.options.refreshSkewMs ?? 60_000, lifetimeMs / 2);
    const expiresAt = requestedAt + lifetimeMs;
    this.cached = { token: parsed.data.access_token, expiresAt, refreshAt: expiresAt - skewMs };
    return this.cached;
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
