import {
  type Connector,
  type ConnectorDefinition,
  createConnector,
  type OperationDefinition,
} from '@rampart/connector-kit';
import { type Risk, riskRank, type ToolSet } from '@rampart/core';
import { mockOAuth2TokenEndpoint } from '@rampart/connector-kit/testing';
import { HttpResponse, http, type RequestHandler } from 'msw';
import type { SimulatedNetwork } from '../network/simulated-network.js';
import { SimulatedRateLimits } from '../network/simulated-rate-limits.js';
import { type World, WorldLookupError } from '../world/world.js';
import { refusalHeader } from './responses.js';
import type { SandboxConnectorSettings, VendorBinding, VendorCall, VendorResponder } from './vendor-binding.js';

type Classifier = (input: Record<string, unknown>) => { capabilities?: readonly string[]; risk?: Risk };

/** A vendor as one sandbox runs it: the live connector and the msw handlers answering it. */
export interface BoundVendor<D extends ConnectorDefinition = ConnectorDefinition> {
  readonly binding: VendorBinding<D>;
  readonly connector: Connector<D>;
  /** The generated tools plus the package's hand-written SOC actions: what a SOC is given. */
  readonly tools: ToolSet;
  /** Stateful, recording handlers first, then the token endpoint and the generated fallbacks. */
  readonly handlers: RequestHandler[];
  /** The host (`host[:port]`) the vendor answers on. */
  readonly host: string;
  readonly latencyMs: number;
}

export interface BindContext {
  world: World;
  network: SimulatedNetwork;
  settings: SandboxConnectorSettings;
  /** Replaces the binding's latency. */
  latencyMs?: number;
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === '') return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(text);
    const body: Record<string, string | string[]> = {};
    for (const key of new Set(form.keys())) {
      const values = form.getAll(key);
      body[key] = values.length === 1 ? values[0]! : values;
    }
    return body;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** msw path parameters are word characters; vendor names (`user-id`, `$filter`) are mapped to such names. */
function mswPath(path: string): { path: string; names: Map<string, string> } {
  const names = new Map<string, string>();
  const converted = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const safe = `p${names.size}_${name.replace(/\W/g, '_')}`;
    names.set(name, safe);
    return `:${safe}`;
  });
  return { path: converted, names };
}

/** The tool input a request carries: path, query and header parameters by field name, and the body's fields. */
function inputOf(
  operation: OperationDefinition,
  params: Readonly<Record<string, string | readonly string[] | undefined>>,
  names: ReadonlyMap<string, string>,
  url: URL,
  headers: Headers,
  body: unknown,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    const wire = parameter.wireName ?? parameter.name;
    if (parameter.in === 'path') {
      const value = params[names.get(wire) ?? wire];
      if (value !== undefined) input[parameter.name] = decodeURIComponent(String(value));
    } else if (parameter.in === 'query') {
      const values = url.searchParams.getAll(wire);
      if (values.length === 1) input[parameter.name] = values[0];
      else if (values.length > 1) input[parameter.name] = values;
    } else {
      const value = headers.get(wire);
      if (value !== null) input[parameter.name] = value;
    }
  }
  if (body !== undefined) {
    if (operation.body?.field !== undefined) input[operation.body.field] = body;
    else if (typeof body === 'object' && body !== null && !Array.isArray(body)) Object.assign(input, body);
    else input.body = body;
  }
  return input;
}

function vendorFailure(error: unknown): Response {
  if (error instanceof WorldLookupError) {
    return HttpResponse.json({ error: 'not_found', message: error.message }, { status: 404 });
  }
  const message = error instanceof Error ? error.message : String(error);
  return HttpResponse.json({ error: 'sandbox_error', message }, { status: 500 });
}

function expandTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? name);
}

/** The binding's base URL variables with the definition's defaults (then examples) filled in. */
function variablesOf(definition: ConnectorDefinition, variables: Readonly<Record<string, string>> = {}) {
  const values: Record<string, string> = {};
  for (const [name, variable] of Object.entries(definition.baseUrlVariables ?? {})) {
    const value = variables[name] ?? variable.default ?? variable.example;
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** The base URL a definition expands to with the binding's variables (defaults filled in). */
export function sandboxBaseUrl(definition: ConnectorDefinition, variables: Readonly<Record<string, string>> = {}) {
  return expandTemplate(definition.baseUrl, variablesOf(definition, variables)).replace(/\/$/, '');
}

/** The directory tenant the sandbox's OAuth2 token URLs name (`{tenantId}` in Microsoft's token endpoint). */
export const sandboxDirectoryTenantId = '5a4d8b1e-7c2f-4e3a-9b6d-000000000001';

/**
 * The generated tools and the package's hand-written ones in one set. A hand-written tool goes just before the first
 * generated tool that shares a capability at the same or a higher risk: agents that pick the first tool offering a
 * capability then take `lookupUrl` (which takes a URL) over `getUrlReport` (which takes VirusTotal's URL id), but
 * never a destructive composite over a plain containment call.
 */
function socToolSet(generated: ToolSet, handWritten: ToolSet): ToolSet {
  const order = Object.entries(generated);
  for (const entry of Object.entries(handWritten)) {
    const [, tool] = entry;
    const before = order.findIndex(
      ([, other]) =>
        other.capabilities.some((capability) => tool.capabilities.includes(capability)) &&
        riskRank(other.risk) >= riskRank(tool.risk),
    );
    if (before === -1) order.push(entry);
    else order.splice(before, 0, entry);
  }
  return Object.fromEntries(order);
}

/**
 * Binds one vendor to a world: creates its real connector and the msw handlers that answer it. Each operation gets
 * a handler that waits out the vendor's simulated latency, answers from the world (stateful responder) or falls
 * through to the generated mock, and writes the call to the world's action log.
 */
export function bindVendor<D extends ConnectorDefinition>(
  binding: VendorBinding<D>,
  context: BindContext,
): BoundVendor<D> {
  const { world, network } = context;
  const latencyMs = context.latencyMs ?? binding.latencyMs;
  const baseUrl = sandboxBaseUrl(binding.definition, binding.baseUrlVariables);
  const responders = binding.responders as Readonly<Record<string, VendorResponder | undefined>>;
  const limits = new SimulatedRateLimits(binding.quotas ?? binding.definition.quotas);
  const handlers: RequestHandler[] = [];
  for (const operation of Object.values(binding.definition.operations) as OperationDefinition[]) {
    const { path, names } = mswPath(operation.path);
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
    const responder = responders[operation.name];
    const classify = (binding.classify as Readonly<Record<string, Classifier | undefined>> | undefined)?.[
      operation.name
    ];
    const recognizes = (
      binding.recognizes as
        | Readonly<Record<string, ((request: { body: unknown; url: URL }) => boolean) | undefined>>
        | undefined
    )?.[operation.name];
    handlers.push(
      http[method](`${baseUrl}${path}`, async ({ request, params }) => {
        const url = new URL(request.url);
        const body = await readBody(request.clone());
        if (recognizes !== undefined && !recognizes({ body, url })) return undefined;
        const input = inputOf(operation, params, names, url, request.headers, body);
        const span = await network.travel(latencyMs);
        let response: Response | undefined;
        const retryAfterMs = limits.admit(operation, span.completedAt);
        if (retryAfterMs !== undefined) {
          response = HttpResponse.json(
            { error: 'rate_limited', message: 'Too many requests (simulated vendor quota)' },
            {
              status: 429,
              headers: {
                'retry-after': String(Math.ceil(retryAfterMs / 1000)),
                'retry-after-ms': String(retryAfterMs),
              },
            },
          );
        } else if (responder !== undefined) {
          const call: VendorCall = {
            operation,
            input,
            method: request.method,
            url,
            headers: request.headers,
            body,
            world,
            at: span.completedAt,
          };
          try {
            const answer = await responder(call);
            if (answer instanceof Response) response = answer;
            else if (answer !== undefined) response = HttpResponse.json(answer as never);
          } catch (error) {
            response = vendorFailure(error);
          }
        }
        const status = response?.status ?? (operation.output.safeParse(undefined).success ? 204 : 200);
        const classified = classify?.(input) ?? {};
        world.recordAction({
          connectorId: binding.id,
          tool: operation.name,
          risk: classified.risk ?? operation.risk,
          capabilities: [...(classified.capabilities ?? operation.capabilities ?? [])],
          input,
          targets: world.resolveTargets(input),
          startedAt: span.startedAt,
          completedAt: span.completedAt,
          status,
          outcome: status < 400 && response?.headers.get(refusalHeader) !== 'failed' ? 'succeeded' : 'failed',
        });
        // `undefined` falls through to the connector's generated handler for this operation.
        return response;
      }),
    );
  }
  const auths = Array.isArray(binding.definition.auth) ? binding.definition.auth : [binding.definition.auth];
  for (const auth of auths) {
    if (auth.type !== 'oauth2ClientCredentials') continue;
    const tokenUrl = expandTemplate(auth.tokenUrl, {
      ...variablesOf(binding.definition, binding.baseUrlVariables),
      tenantId: sandboxDirectoryTenantId,
    });
    handlers.push(mockOAuth2TokenEndpoint(tokenUrl, { tokenPrefix: `sandbox-${binding.id}` }).handler);
  }
  handlers.push(...binding.fallbackHandlers());
  // The connector's own limiters count real time; the simulated vendor limits instead, on the simulated clock.
  const definition = {
    ...binding.definition,
    quotas: binding.definition.quotas.map((quota) => ({ ...quota, limit: 1_000_000_000, headers: undefined })),
  };
  binding.prepare?.(world);
  const connector = createConnector(definition, {
    ...context.settings,
    credentials: binding.credentials,
    baseUrlVariables: variablesOf(binding.definition, binding.baseUrlVariables),
  } as never) as unknown as Connector<D>;
  const tools = socToolSet(connector.tools as ToolSet, binding.socTools?.(connector) ?? {});
  return { binding, connector, tools, handlers, host: new URL(baseUrl).host, latencyMs };
}
