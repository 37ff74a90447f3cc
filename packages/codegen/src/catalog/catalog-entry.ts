import { Risk } from '@rampart/core';
import { z } from 'zod';
import { connectorNames, productName } from '../emit/names.js';
import { type ConnectorManifest, connectorCategories } from '../manifest.js';
import type { ToolPlan } from '../plan.js';

/**
 * One connector as the catalog lists it: what `rampart connectors list`, `docs/connectors/<id>.md` and the
 * catalog web page read. Derived from the manifest and the planned tools, never written by hand.
 */
export const CatalogConnector = z.strictObject({
  id: z.string(),
  package: z.string(),
  vendor: z.string(),
  product: z.string(),
  description: z.string(),
  categories: z.array(z.enum(connectorCategories)),
  documentation: z.url(),
  auth: z.array(
    z.strictObject({ type: z.string(), id: z.string(), description: z.string(), documentation: z.string().optional() }),
  ),
  quotas: z.array(
    z.strictObject({
      id: z.string(),
      scope: z.string(),
      limit: z.number(),
      windowMs: z.number(),
      concurrency: z.number().optional(),
      appliesTo: z.enum(['all', 'named']),
      description: z.string(),
      source: z.url(),
      /** Limits on other vendor plans, chosen at run time with the factory's `plan` option. */
      plans: z
        .record(
          z.string(),
          z.strictObject({ limit: z.number(), windowMs: z.number().optional(), concurrency: z.number().optional() }),
        )
        .optional(),
    }),
  ),
  tools: z.array(
    z.strictObject({
      name: z.string(),
      description: z.string(),
      risk: Risk,
      idempotent: z.boolean(),
      method: z.string(),
      path: z.string(),
      capabilities: z.array(z.string()),
      scopes: z.array(z.string()),
      quota: z.string().optional(),
      deprecatedAliases: z.array(z.string()),
    }),
  ),
});
export type CatalogConnector = z.infer<typeof CatalogConnector>;

export const ConnectorCatalog = z.strictObject({
  $comment: z.string(),
  connectors: z.array(CatalogConnector),
});
export type ConnectorCatalog = z.infer<typeof ConnectorCatalog>;

export function catalogEntry(manifest: ConnectorManifest, tools: readonly ToolPlan[]): CatalogConnector {
  return {
    id: manifest.id,
    package: connectorNames(manifest.id).packageName,
    vendor: manifest.vendor,
    product: productName(manifest),
    description: manifest.description ?? `Typed, rate-limited tools for ${productName(manifest)}.`,
    categories: manifest.categories,
    documentation: manifest.documentation.apiReference,
    auth: manifest.auth.map((method) => ({
      type: method.type,
      id: method.id,
      description: method.description,
      ...(method.documentation ? { documentation: method.documentation } : {}),
    })),
    quotas: manifest.quotas.map((quota) => ({
      id: quota.id,
      scope: quota.scope,
      limit: quota.limit,
      windowMs: quota.windowMs,
      ...(quota.concurrency !== undefined ? { concurrency: quota.concurrency } : {}),
      appliesTo: quota.appliesTo ?? 'named',
      description: quota.description,
      source: quota.source,
      ...(quota.plans ? { plans: quota.plans } : {}),
    })),
    tools: tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      risk: tool.risk,
      idempotent: tool.idempotent,
      method: tool.operation.method,
      path: tool.operation.path,
      capabilities: tool.capabilities,
      scopes: tool.scopes,
      ...(tool.quota ? { quota: tool.quota } : {}),
      deprecatedAliases: tool.deprecatedAliases,
    })),
  };
}
