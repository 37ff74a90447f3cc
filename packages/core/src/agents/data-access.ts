import { z } from 'zod';

/**
 * What an agent may read and write, in a small fixed vocabulary the runtime enforces. Reads name a whole
 * store; writes name one part of a record, because "may set the verdict" and "may close the case" are
 * different grants.
 */
export const dataReadScopes = ['alerts', 'cases', 'entities', 'graph', 'precedents', 'policies', 'audit'] as const;
export const DataReadScope = z.enum(dataReadScopes);
export type DataReadScope = z.infer<typeof DataReadScope>;

export const dataWriteScopes = [
  /** Move the case through its lifecycle. */
  'cases.status',
  'cases.severity',
  'cases.verdict',
  'cases.assignee',
  'cases.tags',
  /** Add reasoning summaries and notes to the timeline (tool calls are recorded by the runtime regardless). */
  'cases.timeline',
  'cases.tasks',
  /** Merge cases and move alerts between them. */
  'cases.merge',
  /** Add facts (entities, relations) with provenance to the context graph. */
  'graph.facts',
] as const;
export const DataWriteScope = z.enum(dataWriteScopes);
export type DataWriteScope = z.infer<typeof DataWriteScope>;

/** The read scope a write scope needs: an agent may only change what it can see. */
export function readScopeOf(scope: DataWriteScope): DataReadScope {
  return scope.slice(0, scope.indexOf('.')) as DataReadScope;
}

export const DataAccess = z.strictObject({
  read: z.array(DataReadScope),
  write: z.array(DataWriteScope).default([]),
});
export type DataAccess = z.output<typeof DataAccess>;
export type DataAccessInput = z.input<typeof DataAccess>;
