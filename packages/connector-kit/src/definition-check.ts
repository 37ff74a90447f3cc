import type { ConnectorDefinition, OperationDefinition } from './definition.js';
import { ConnectorConfigurationError } from './errors.js';
import { templateVariables } from './url-template.js';

const checked = new WeakSet<object>();
/** Headers an operation may not fix: the body encoding and credentials are set per request. */
const transportHeaders = new Set(['authorization', 'content-type', 'content-length', 'host']);

/**
 * Cross-field rules a type cannot state: names match keys, quotas exist, every path variable has a parameter.
 * Generated definitions pass by construction; hand-written ones learn what is wrong, all at once.
 */
export function definitionProblems(definition: ConnectorDefinition): string[] {
  const problems: string[] = [];
  const declared = new Set(Object.keys(definition.baseUrlVariables ?? {}));
  for (const name of templateVariables(definition.baseUrl)) {
    if (!declared.has(name)) problems.push(`baseUrl uses {${name}}, which baseUrlVariables does not declare`);
  }
  const quotaIds = new Set<string>();
  for (const quota of definition.quotas) {
    if (quotaIds.has(quota.id)) problems.push(`quota "${quota.id}" is declared twice`);
    quotaIds.add(quota.id);
    if (!(quota.limit > 0) || !(quota.windowMs > 0))
      problems.push(`quota "${quota.id}" needs a positive limit and windowMs`);
  }
  const toolNames = new Map<string, string>();
  for (const [key, operation] of Object.entries(definition.operations) as [string, OperationDefinition][]) {
    if (operation.name !== key)
      problems.push(`operations.${key} is named "${operation.name}"; the key must equal the name`);
    if (operation.quota !== undefined && !quotaIds.has(operation.quota)) {
      problems.push(`operations.${key} names quota "${operation.quota}", which quotas does not declare`);
    }
    const pathParameters = new Set(
      operation.parameters
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => parameter.wireName ?? parameter.name),
    );
    for (const name of templateVariables(operation.path)) {
      if (!pathParameters.has(name))
        problems.push(`operations.${key}.path uses {${name}}, which no path parameter supplies`);
    }
    if (
      operation.body?.field !== undefined &&
      operation.parameters.some((parameter) => parameter.name === operation.body?.field)
    ) {
      problems.push(`operations.${key}.body.field "${operation.body.field}" is also a parameter`);
    }
    for (const name of Object.keys(operation.headers ?? {})) {
      const lower = name.toLowerCase();
      if (transportHeaders.has(lower)) {
        problems.push(`operations.${key}.headers sets ${name}, which the transport or auth owns`);
      }
      const clashes = operation.parameters.some(
        (parameter) => parameter.in === 'header' && (parameter.wireName ?? parameter.name).toLowerCase() === lower,
      );
      if (clashes) {
        problems.push(`operations.${key}.headers fixes ${name}, which is also a header parameter`);
      }
    }
    for (const name of [operation.name, ...(operation.deprecatedAliases ?? [])]) {
      const previous = toolNames.get(name);
      if (previous !== undefined)
        problems.push(`tool name "${name}" is used by operations.${previous} and operations.${key}`);
      toolNames.set(name, key);
    }
  }
  return problems;
}

export function assertValidDefinition(definition: ConnectorDefinition): void {
  if (checked.has(definition)) return;
  const problems = definitionProblems(definition);
  if (problems.length > 0) {
    throw new ConnectorConfigurationError(
      `Connector definition "${definition.id}" is invalid:\n  ${problems.join('\n  ')}`,
    );
  }
  checked.add(definition);
}
