import { type ConnectorDefinition, connectorOptionsFromEnvironment, createConnector } from '@rampart/connector-kit';
import { UsageError } from '../usage.js';

function isDefinition(value: unknown, id: string): value is ConnectorDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ConnectorDefinition>;
  return candidate.id === id && typeof candidate.baseUrl === 'string' && typeof candidate.operations === 'object';
}

/**
 * Imports `@rampart/connector-<id>`. A malformed id or a package that is not installed is a usage error that says
 * how to install it.
 */
export async function importConnectorPackage(id: string): Promise<Record<string, unknown>> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new UsageError(`"${id}" is not a connector id`);
  try {
    return (await import(`@rampart/connector-${id}`)) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      throw new UsageError(`connector "${id}" is not installed (npm i @rampart/connector-${id})`);
    }
    throw error;
  }
}

/**
 * Loads `@rampart/connector-<id>` and creates its connector from `RAMPART_<ID>_*` environment variables.
 * Each connector package exports its definition as data, so one generic loader serves every connector.
 */
export async function loadConnector(id: string, options: { tenantId?: string; environment?: NodeJS.ProcessEnv } = {}) {
  const module = await importConnectorPackage(id);
  const definition = Object.values(module).find((value) => isDefinition(value, id));
  if (definition === undefined) throw new UsageError(`@rampart/connector-${id} exports no connector definition`);
  const connectorOptions = connectorOptionsFromEnvironment(definition, options.environment ?? process.env);
  return createConnector(definition, {
    ...connectorOptions,
    ...(options.tenantId !== undefined ? { tenantId: options.tenantId } : {}),
  } as Parameters<typeof createConnector>[1]);
}
