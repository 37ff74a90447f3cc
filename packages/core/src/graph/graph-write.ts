import { z } from 'zod';
import { parseOrThrow } from '../validation.js';
import { GraphTenantError } from './graph-errors.js';
import { GraphEdge, GraphNode } from './graph-fact.js';
import type { GraphTimeScope, GraphWrite } from './graph-store.js';

const GraphWriteSchema = z.strictObject({
  nodes: z.array(GraphNode).default([]),
  ensureNodes: z.array(GraphNode).default([]),
  edges: z.array(GraphEdge).default([]),
});

/** A write after validation: every fact parsed, defaults filled in. */
export type ParsedGraphWrite = z.output<typeof GraphWriteSchema>;

/**
 * Validates a write for a store: throws a `ValidationError` naming every bad path, or a `GraphTenantError`
 * when a fact's provenance names another tenant. Stores call it before touching storage, so nothing is
 * half-written.
 */
export function parseGraphWrite(tenantId: string, facts: GraphWrite): ParsedGraphWrite {
  const parsed = parseOrThrow(GraphWriteSchema, facts, `graph write for tenant ${tenantId}`);
  for (const part of ['nodes', 'ensureNodes', 'edges'] as const) {
    parsed[part].forEach((fact, index) => {
      if (fact.provenance.tenantId !== tenantId) {
        throw new GraphTenantError(tenantId, fact.provenance.tenantId, `${part}[${index}].provenance.tenantId`);
      }
    });
  }
  return parsed;
}

/** Whether a fact is visible in `scope` (see `GraphTimeScope`). */
export function isVisible(
  fact: { validFrom: number; validTo: number | null; observedAt: number },
  scope: GraphTimeScope = {},
): boolean {
  if (scope.allTime) return true;
  if (scope.asOf === undefined) return fact.validTo === null;
  const at = scope.asOf;
  return fact.observedAt <= at && fact.validFrom <= at && (fact.validTo === null || fact.validTo > at);
}

/** Orders versions newest first: greatest `validFrom`, then greatest `observedAt`. */
export function newerVersionFirst(
  a: { validFrom: number; observedAt: number },
  b: { validFrom: number; observedAt: number },
): number {
  return b.validFrom - a.validFrom || b.observedAt - a.observedAt;
}

/** The order of `edgesOf`: most recently observed first, then by relation key, then newest `validFrom`. */
export function edgeReadOrder(a: GraphEdge, b: GraphEdge): number {
  if (a.observedAt !== b.observedAt) return b.observedAt - a.observedAt;
  const byKey = compareText(a.from, b.from) || compareText(a.relation, b.relation) || compareText(a.to, b.to);
  return byKey || b.validFrom - a.validFrom;
}

/** The order of `findNodes`: most recently observed first, then by id. */
export function nodeReadOrder(a: GraphNode, b: GraphNode): number {
  return b.observedAt - a.observedAt || compareText(a.id, b.id);
}

/** Code-unit order, the same as SQLite's and PostgreSQL's `COLLATE "C"`, never locale order. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
