import type { Connector, ConnectorDefinition, OperationDefinition } from '@rampart/connector-kit';
import { mockOAuth2TokenEndpoint } from '@rampart/connector-kit/testing';
import { HttpResponse, http, type RequestHandler } from 'msw';
import type { SimulatedNetwork } from '../network/simulated-network.js';
import { type World, WorldLookupError } from '../world/world.js';
import type { SandboxConnectorSettings, VendorBinding, VendorCall, VendorResponder } from './vendor-binding.js';

/** A vendor as one sandbox runs it: the live connector and the msw handlers answering it. */
export interface BoundVendor<D extends ConnectorDefinition = ConnectorDefinition> {
  readonly binding: VendorBinding<D>;
  readonly connector: Connector<D>;
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

/** The base URL a definition expands to with the binding's variables (defaults filled in). */
export function sandboxBaseUrl(definition: ConnectorDefinition, variables: Readonly<Record<string, string>> = {}) {
  const values: Record<string, string> = {};
  for (const [name, variable] of Object.entries(definition.baseUrlVariables ?? {})) {
    const value = variables[name] ?? variable.default ?? variable.example;
    if (value !== undefined) values[name] = value;
  }
  return expandTemplate(definition.baseUrl, values).replace(/\/$/, '');
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
  const handlers: RequestHandler[] = [];
  for (const operation of Object.values(binding.definition.operations) as OperationDefinition[]) {
    const { path, names } = mswPath(operation.path);
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
    const responder = responders[operation.name];
    handlers.push(
      http[method](`${baseUrl}${path}`, async ({ request, params }) => {
        const url = new URL(request.url);
        const body = await readBody(request.clone());
        const input = inputOf(operation, params, names, url, request.headers, body);
        const span = await network.travel(latencyMs);
        let response: Response | undefined;
        if (responder !== undefined) {
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
        world.recordAction({
          connectorId: binding.id,
          tool: operation.name,
          risk: operation.risk,
          capabilities: [...(operation.capabilities ?? [])],
          input,
          targets: world.resolveTargets(input),
          startedAt: span.startedAt,
          completedAt: span.completedAt,
          status,
          outcome: status < 400 ? 'succeeded' : 'failed',
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
      ...binding.baseUrlVariables,
      tenantId: 'sandbox-tenant',
    });
    handlers.push(mockOAuth2TokenEndpoint(tokenUrl, { tokenPrefix: `sandbox-${binding.id}` }).handler);
  }
  handlers.push(...binding.fallbackHandlers());
  const connector = binding.createConnector(context.settings);
  return { binding, connector, handlers, host: new URL(baseUrl).host, latencyMs };
}
