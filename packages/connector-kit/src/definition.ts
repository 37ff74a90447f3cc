import type { Capability, Risk, Tool } from '@rampart/core/connector';
import type { z } from 'zod';

/**
 * The connector definition contract: what `@rampart/codegen` emits under a connector's `src/generated/` and what
 * the runtime (`createConnector`) consumes. Generated code is data (the Octokit endpoint-table pattern); behaviour
 * lives once, in this package. Treat every change here as potentially breaking for every generated connector.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

// ---------------------------------------------------------------------------------------------------------------
// Auth

interface AuthDefinitionBase {
  /** Short id a host picks the method by when a connector declares several (`ssws`, `oauth`). */
  readonly id?: string;
  /** One sentence for the README and for hosts choosing a method. */
  readonly description?: string;
  /** The vendor page that documents this method. */
  readonly documentation?: string;
}

/** A static key in a header (`X-Api-Key: <key>`, or `Authorization: <prefix><key>`) or in the query string. */
export interface ApiKeyAuthDefinition extends AuthDefinitionBase {
  readonly type: 'apiKey';
  readonly in: 'header' | 'query';
  /** Header or query parameter name, e.g. `x-apikey`, `Authorization`, `api_key`. */
  readonly name: string;
  /** Written before the key, including any space, e.g. `Token `. */
  readonly prefix?: string;
}

/** `Authorization: Bearer <token>` with a long-lived token the host supplies. */
export interface BearerAuthDefinition extends AuthDefinitionBase {
  readonly type: 'bearer';
}

/** `Authorization: Basic base64(username:password)`. */
export interface BasicAuthDefinition extends AuthDefinitionBase {
  readonly type: 'basic';
}

/** Okta API tokens: `Authorization: SSWS <token>`. */
export interface SswsAuthDefinition extends AuthDefinitionBase {
  readonly type: 'ssws';
}

/** OAuth 2.0 client credentials grant (RFC 6749 §4.4); the runtime caches and refreshes the access token. */
export interface OAuth2ClientCredentialsAuthDefinition extends AuthDefinitionBase {
  readonly type: 'oauth2ClientCredentials';
  /**
   * Token endpoint. May be a template over the base URL variables and the credentials' `tokenUrlVariables`,
   * e.g. `https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token`. Its host is allow-listed automatically.
   */
  readonly tokenUrl: string;
  /** Scopes requested with every token, space-joined into `scope`. */
  readonly scopes?: readonly string[];
  /** Sent as `audience` (Auth0, CrowdStrike-style token endpoints). */
  readonly audience?: string;
  /**
   * How the client proves itself at the token endpoint (RFC 6749 §2.3.1): HTTP Basic (default) or
   * `client_id`/`client_secret` in the form body.
   */
  readonly clientAuthentication?: 'clientSecretBasic' | 'clientSecretPost';
}

/** AWS Signature Version 4, signed with `@smithy/signature-v4`. */
export interface AwsSigV4AuthDefinition extends AuthDefinitionBase {
  readonly type: 'awsSigV4';
  /** Signing name, e.g. `guardduty`, `securityhub`, `iam`. */
  readonly service: string;
}

export type AuthDefinition =
  | ApiKeyAuthDefinition
  | BearerAuthDefinition
  | BasicAuthDefinition
  | SswsAuthDefinition
  | OAuth2ClientCredentialsAuthDefinition
  | AwsSigV4AuthDefinition;

export type AuthType = AuthDefinition['type'];

/** Secrets supplied at runtime for each auth type. They never appear in errors, logs or recorded requests. */
export interface ApiKeyCredentials {
  readonly type: 'apiKey';
  readonly key: string;
}
export interface BearerCredentials {
  readonly type: 'bearer';
  readonly token: string;
}
export interface BasicCredentials {
  readonly type: 'basic';
  readonly username: string;
  readonly password: string;
}
export interface SswsCredentials {
  readonly type: 'ssws';
  readonly token: string;
}
export interface OAuth2ClientCredentials {
  readonly type: 'oauth2ClientCredentials';
  readonly clientId: string;
  readonly clientSecret: string;
  /** Values for `{variables}` in `tokenUrl` that are not base URL variables (e.g. an Entra `tenantId`). */
  readonly tokenUrlVariables?: Readonly<Record<string, string>>;
  /** Replaces the definition's scopes. */
  readonly scopes?: readonly string[];
}
export interface AwsIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials (STS) carry a session token, sent as `X-Amz-Security-Token`. */
  readonly sessionToken?: string;
  /** When temporary credentials expire; a provider is asked again before then. */
  readonly expiration?: Date;
}
export interface AwsSigV4Credentials extends AwsIdentity {
  readonly type: 'awsSigV4';
  /** Signing region; defaults to the `region` base URL variable. */
  readonly region?: string;
  /** Called instead of the static keys, for rotating credentials (instance roles, assume-role). */
  readonly provider?: () => Promise<AwsIdentity>;
}

export type Credentials =
  | ApiKeyCredentials
  | BearerCredentials
  | BasicCredentials
  | SswsCredentials
  | OAuth2ClientCredentials
  | AwsSigV4Credentials;

/** The credential shapes a definition's auth method(s) accept. */
export type CredentialsFor<A> = A extends readonly (infer Item)[]
  ? CredentialsFor<Item>
  : A extends { readonly type: infer T }
    ? Extract<Credentials, { readonly type: T }>
    : never;

// ---------------------------------------------------------------------------------------------------------------
// Quotas

/**
 * A vendor rate limit, as data. Each quota cites the page that states it. The runtime keeps one limiter per
 * tenant × credential × bucket; `scope` decides what shares a bucket.
 */
export interface QuotaDefinition {
  /** kebab-case, unique within the connector; operations name it in `quota`. */
  readonly id: string;
  /**
   * What shares one budget:
   * - `org`: every credential of a tenant (the vendor counts per organisation/account),
   * - `app` / `user` / `credential`: each credential (client id, user token or key) of a tenant separately,
   * - `endpoint`: each operation that names the quota has its own budget of this size, per tenant.
   */
  readonly scope: 'org' | 'app' | 'user' | 'endpoint' | 'credential';
  /** Requests allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
  /** Simultaneous requests allowed, when the vendor limits them. */
  readonly concurrency?: number;
  /** The vendor page that states this limit. */
  readonly source: string;
  /** `all` draws every operation from this quota besides its own `quota`; default `named` (only operations naming it). */
  readonly appliesTo?: 'all' | 'named';
  /** Response headers through which the vendor reports the live budget; the limiter adapts to them. */
  readonly headers?: {
    /** e.g. `x-rate-limit-limit`. */
    readonly limit?: string;
    /** e.g. `x-rate-limit-remaining`. */
    readonly remaining?: string;
    /** e.g. `x-rate-limit-reset`. */
    readonly reset?: string;
    /** How `reset` is expressed; default `epoch-seconds`. */
    readonly resetUnit?: 'epoch-seconds' | 'seconds' | 'milliseconds';
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pagination

interface PaginationBase {
  /**
   * Path of the item array in the response body (`data`, `value`, `result.items`); absent = the body is the array.
   * Paths here are dotted, or JSON Pointers when they start with `/` (for keys with dots: `/@odata.count`).
   */
  readonly itemsPath?: string;
  /** Query parameter that sets the page size, if the operation has one. */
  readonly limitParameter?: string;
}

/** The body carries an opaque cursor for the next page; absent, null or empty ends the iteration. */
export interface CursorPagination extends PaginationBase {
  readonly style: 'cursor';
  /** Query parameter the cursor is sent in. */
  readonly cursorParameter: string;
  /** Dotted path of the next cursor in the response body, e.g. `meta.next_cursor`. */
  readonly cursorPath: string;
}

/** RFC 8288 `Link: <https://...>; rel="next"` (Okta, GitHub). The next URL is host-checked before it is followed. */
export interface LinkHeaderPagination extends PaginationBase {
  readonly style: 'link-header';
}

/**
 * The body carries the next page's whole URL (Microsoft Graph and OData `@odata.nextLink`). It is followed as sent,
 * host-checked like a Link header; absent, null or empty ends the iteration.
 */
export interface NextLinkPagination extends PaginationBase {
  readonly style: 'next-link';
  /** Path of the URL in the body; a JSON Pointer for keys with dots: `/@odata.nextLink`. */
  readonly nextLinkPath: string;
}

/** `offset` + `limit` query parameters; ends on a short or empty page, or when `totalPath` is reached. */
export interface OffsetPagination extends PaginationBase {
  readonly style: 'offset';
  readonly offsetParameter: string;
  readonly limitParameter: string;
  /** Dotted path of the total item count, when the vendor reports one. */
  readonly totalPath?: string;
}

/** A continuation token in the body, sent back in the query or the body (AWS `NextToken`). */
export interface NextTokenPagination extends PaginationBase {
  readonly style: 'next-token';
  /** Query parameter or body field the token is sent in. */
  readonly tokenParameter: string;
  /** Dotted path of the token in the response body, e.g. `NextToken`. */
  readonly tokenPath: string;
  /** Where the token goes on the next request; default `query`. */
  readonly tokenIn?: 'query' | 'body';
}

/** `page=1,2,3...`; ends on an empty or short page. */
export interface PageNumberPagination extends PaginationBase {
  readonly style: 'page-number';
  readonly pageParameter: string;
  /** Number of the first page; default 1. */
  readonly firstPage?: number;
}

export type PaginationDefinition =
  | CursorPagination
  | LinkHeaderPagination
  | NextLinkPagination
  | OffsetPagination
  | NextTokenPagination
  | PageNumberPagination;

// ---------------------------------------------------------------------------------------------------------------
// Operations

/** One input field sent outside the body. */
export interface ParameterDefinition {
  /** The input field name (camelCase, as in the input schema). */
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  /** The vendor's name on the wire when it differs (`filter[name]`, `X-Request-Id`, `user_id`). */
  readonly wireName?: string;
  /** OpenAPI serialization of arrays and objects; default `form` for query, `simple` for path and header. */
  readonly style?: 'form' | 'simple' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  /** OpenAPI `explode`; default true for `form`, false otherwise. */
  readonly explode?: boolean;
}

/**
 * How a body is encoded. `application/x-amz-json-1.0` and `-1.1` are the AWS JSON protocol's media types: the body
 * is JSON, only the `Content-Type` differs (the service rejects plain `application/json`).
 */
export type BodyContentType =
  | 'application/json'
  | 'application/x-www-form-urlencoded'
  | 'application/x-amz-json-1.0'
  | 'application/x-amz-json-1.1';

export interface BodyDefinition {
  readonly contentType: BodyContentType;
  /** The input field holding the whole body; absent = every input field that is not a parameter. */
  readonly field?: string;
}

/**
 * One vendor API operation = one tool. `input` and `output` are zod schemas; `output` describes the whole response
 * body of one page (unknown vendor fields should be tolerated: generate loose objects). An empty response body
 * (e.g. 204) is validated as `undefined`, so such operations declare `z.void()` or an optional schema.
 */
export interface OperationDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** The tool name, camelCase; equals the key in `ConnectorDefinition.operations`. */
  readonly name: string;
  /** The vendor's operationId, for traceability to the spec. */
  readonly operationId?: string;
  /** Written for a model choosing between tools. */
  readonly description: string;
  readonly method: HttpMethod;
  /** Path template relative to the base URL, e.g. `/api/v1/users/{userId}/lifecycle/suspend`. */
  readonly path: string;
  readonly parameters: readonly ParameterDefinition[];
  /**
   * Headers the protocol fixes for this operation: sent with every request, never a tool input. The AWS JSON
   * protocol names the operation in `X-Amz-Target` (e.g. `secretsmanager.ListSecrets`) and sends every one as
   * `POST /`. Credentials never go here (use `auth`).
   */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: BodyDefinition;
  readonly input: I;
  readonly output: O;
  readonly risk: Risk;
  /**
   * Repeating the call has the same effect as making it once. Only idempotent operations (or calls carrying an
   * idempotency key) are retried after a 5xx or a network failure.
   */
  readonly idempotent: boolean;
  /** Id of the `QuotaDefinition` this operation draws from. */
  readonly quota?: string;
  readonly pagination?: PaginationDefinition;
  /** Vendor permissions the call needs, e.g. `okta.users.manage`. */
  readonly scopes?: readonly string[];
  /** What the operation does in vendor-neutral words (core `capabilities`), e.g. `['user.suspend']`. */
  readonly capabilities?: readonly Capability[];
  /** Names this tool was published under before; they keep working and log a deprecation warning. */
  readonly deprecatedAliases?: readonly string[];
}

export interface BaseUrlVariable {
  readonly description: string;
  readonly default?: string;
  readonly example?: string;
  /**
   * A regular expression (source text, anchored by the runtime) the value must match. Host allow-listing relies
   * on it: `^[a-z0-9-]+\.okta\.com$` keeps a `domain` variable from pointing anywhere else.
   */
  readonly pattern?: string;
}

export interface ConnectorDefinition {
  /** kebab-case connector id: `okta` -> `@rampart/connector-okta`. */
  readonly id: string;
  readonly vendor: string;
  readonly product: string;
  readonly categories: readonly string[];
  /** Base URL template, e.g. `https://{domain}` or `https://guardduty.{region}.amazonaws.com`. */
  readonly baseUrl: string;
  readonly baseUrlVariables?: Readonly<Record<string, BaseUrlVariable>>;
  /** The auth method, or several (a host's credentials pick one by `type`). */
  readonly auth: AuthDefinition | readonly AuthDefinition[];
  readonly quotas: readonly QuotaDefinition[];
  /** Keyed by tool name. */
  readonly operations: Readonly<Record<string, OperationDefinition>>;
  /** The vendor's API reference. */
  readonly documentation: string;
  /** Header the vendor deduplicates state-changing requests by (e.g. `Idempotency-Key`), if it has one. */
  readonly idempotencyHeader?: string;
}

/** Identity function that keeps literal operation names and schema types for `createConnector(...).tools`. */
export function defineConnector<const D extends ConnectorDefinition>(definition: D): D {
  return definition;
}

/** Identity function for one operation, typed by its schemas (handy for hand-written curated operations). */
export function defineOperation<I extends z.ZodType, O extends z.ZodType, const P extends OperationDefinition<I, O>>(
  operation: P & OperationDefinition<I, O>,
): P {
  return operation;
}

// ---------------------------------------------------------------------------------------------------------------
// Types derived from a definition

type OperationsOf<D extends ConnectorDefinition> = D['operations'];

/** `connector.tools`: one typed tool per operation, plus its deprecated aliases. */
export type ConnectorTools<D extends ConnectorDefinition> = {
  readonly [K in keyof OperationsOf<D>]: Tool<OperationsOf<D>[K]['input'], OperationsOf<D>[K]['output']>;
} & {
  readonly [K in keyof OperationsOf<D> as AliasesOf<OperationsOf<D>[K]>]: Tool<
    OperationsOf<D>[K]['input'],
    OperationsOf<D>[K]['output']
  >;
};

type AliasesOf<O> = O extends { readonly deprecatedAliases: readonly (infer A extends string)[] } ? A : never;

export type OperationName<D extends ConnectorDefinition> = keyof OperationsOf<D> & string;
export type OperationInput<D extends ConnectorDefinition, K extends OperationName<D>> = z.input<
  OperationsOf<D>[K]['input']
>;
export type OperationOutput<D extends ConnectorDefinition, K extends OperationName<D>> = z.output<
  OperationsOf<D>[K]['output']
>;
/** Names of operations that declare pagination. */
export type PaginatedOperationName<D extends ConnectorDefinition> = {
  [K in OperationName<D>]: OperationsOf<D>[K] extends { readonly pagination: PaginationDefinition } ? K : never;
}[OperationName<D>];
