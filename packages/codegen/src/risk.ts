import type { Risk } from '@rampart/core';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Reads are `read`; anything else changes the vendor's state and starts at `write`. Only the manifest raises a
 * tool to `contain` or `destructive`: a spec cannot tell a suspend from a profile edit.
 */
export function defaultRisk(method: string): Risk {
  return readMethods.has(method.toUpperCase()) ? 'read' : 'write';
}

/** HTTP semantics (RFC 9110 §9.2.2): GET, HEAD, OPTIONS, PUT and DELETE are idempotent; POST and PATCH are not. */
export function defaultIdempotent(method: string): boolean {
  return idempotentMethods.has(method.toUpperCase());
}
