import { createHash } from 'node:crypto';
import type { Clock } from '@rampart/core/connector';
import { AwsSigV4Authenticator } from './auth-aws-sigv4.js';
import { OAuth2TokenSource, type TokenExchange } from './auth-oauth2.js';
import type { AuthDefinition, BaseUrlVariable, Credentials } from './definition.js';
import { ConnectorConfigurationError } from './errors.js';
import type { Redactor } from './redaction.js';
import { expandUrlTemplate } from './url-template.js';

/** A request on its way out, after parameters are placed and before credentials are added. */
export interface OutgoingRequest {
  method: string;
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

export interface Authenticator {
  readonly type: AuthDefinition['type'];
  /** A non-secret fingerprint of the credential; limiter keys use it. */
  readonly credentialId: string;
  /** Host of the OAuth2 token endpoint, allow-listed by default. */
  readonly tokenUrl?: URL;
  /** True when `authorize` writes to the URL (an API key in the query), so each attempt needs its own copy. */
  readonly changesUrl?: boolean;
  /**
   * Adds credentials to `request` in place. Returns a tag naming what was used (e.g. the access token), so a
   * later 401 invalidates exactly that and not a token another call already refreshed. Static credentials (API
   * key, token, basic) answer at once, without a promise: the runtime awaits only what has to wait.
   */
  authorize(request: OutgoingRequest, signal?: AbortSignal): string | undefined | Promise<string | undefined>;
  /** After a 401. True when fresh credentials may exist (an OAuth2 token was dropped), so one retry makes sense. */
  invalidate(tag: string | undefined): boolean;
}

export interface AuthenticatorOptions {
  connectorId: string;
  auth: AuthDefinition | readonly AuthDefinition[];
  credentials: Credentials;
  /** Resolved base URL variables (token URL templates may use them). */
  variables: Readonly<Record<string, string>>;
  declaredVariables: Readonly<Record<string, BaseUrlVariable>>;
  redactor: Redactor;
  clock: Clock;
  exchangeToken: TokenExchange;
  refreshSkewMs?: number;
}

function fingerprint(type: string, identity: string): string {
  return createHash('sha256').update(`${type}\u0000${identity}`).digest('hex').slice(0, 16);
}

/** Picks the auth method matching the credentials' `type`, registers every secret with the redactor. */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { credentials, redactor } = options;
  const methods: readonly AuthDefinition[] = Array.isArray(options.auth)
    ? (options.auth as readonly AuthDefinition[])
    : [options.auth as AuthDefinition];
  const definition = methods.find((method) => method.type === credentials?.type);
  if (definition === undefined) {
    throw new ConnectorConfigurationError(
      `${options.connectorId} accepts credentials of type ${methods.map((method) => `"${method.type}"`).join(' or ')}, got "${String(credentials?.type)}"`,
    );
  }
  switch (definition.type) {
    case 'apiKey': {
      const { key } = credentials as Extract<Credentials, { type: 'apiKey' }>;
      redactor.addSecret(key);
      const value = `${definition.prefix ?? ''}${key}`;
      const headerName = definition.name.toLowerCase();
      return {
        type: 'apiKey',
        credentialId: fingerprint('apiKey', key),
        changesUrl: definition.in === 'query',
        authorize(request) {
          if (definition.in === 'header') request.headers[headerName] = value;
          else request.url.searchParams.set(definition.name, value);
          return undefined;
        },
        invalidate: () => false,
      };
    }
    case 'bearer':
    case 'ssws': {
      const { token } = credentials as Extract<Credentials, { type: 'bearer' | 'ssws' }>;
      redactor.addSecret(token);
      const header = `${definition.type === 'bearer' ? 'Bearer' : 'SSWS'} ${token}`;
      return {
        type: definition.type,
        credentialId: fingerprint(definition.type, token),
        authorize(request) {
          request.headers.authorization = header;
          return undefined;
        },
        invalidate: () => false,
      };
    }
    case 'basic': {
      const { username, password } = credentials as Extract<Credentials, { type: 'basic' }>;
      const encoded = Buffer.from(`${username}:${password}`).toString('base64');
      const basicHeader = `Basic ${encoded}`;
      redactor.addSecret(password);
      redactor.addSecret(encoded);
      return {
        type: 'basic',
        credentialId: fingerprint('basic', username),
        authorize(request) {
          request.headers.authorization = basicHeader;
          return undefined;
        },
        invalidate: () => false,
      };
    }
    case 'oauth2ClientCredentials': {
      const oauth = credentials as Extract<Credentials, { type: 'oauth2ClientCredentials' }>;
      redactor.addSecret(oauth.clientSecret);
      const tokenUrl = new URL(
        expandUrlTemplate(
          definition.tokenUrl,
          { ...options.variables, ...oauth.tokenUrlVariables },
          options.declaredVariables,
          'token URL',
        ),
      );
      const source = new OAuth2TokenSource({
        connectorId: options.connectorId,
        definition,
        credentials: oauth,
        tokenUrl,
        clock: options.clock,
        redactor,
        exchange: options.exchangeToken,
        refreshSkewMs: options.refreshSkewMs,
      });
      return {
        type: 'oauth2ClientCredentials',
        credentialId: fingerprint('oauth2ClientCredentials', `${tokenUrl.host}\u0000${oauth.clientId}`),
        tokenUrl,
        async authorize(request, signal) {
          const token = await source.token(signal);
          request.headers.authorization = `Bearer ${token}`;
          return token;
        },
        invalidate: (tag) => source.invalidate(tag),
      };
    }
    case 'awsSigV4': {
      const aws = credentials as Extract<Credentials, { type: 'awsSigV4' }>;
      const region = aws.region ?? options.variables.region;
      if (region === undefined) {
        throw new ConnectorConfigurationError(
          `${options.connectorId} signs with AWS SigV4 and needs a region (credentials.region or the "region" variable)`,
        );
      }
      redactor.addSecret(aws.secretAccessKey);
      redactor.addSecret(aws.sessionToken);
      const signer = new AwsSigV4Authenticator({
        service: definition.service,
        region,
        credentials: aws,
        clock: options.clock,
        redactor,
      });
      return {
        type: 'awsSigV4',
        credentialId: fingerprint('awsSigV4', aws.accessKeyId ?? 'provider'),
        authorize: async (request) => {
          await signer.sign(request);
          return undefined;
        },
        invalidate: () => false,
      };
    }
  }
}
