import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.js';
import { toJsonValue } from '../cases/json-value.js';

export interface IdempotencyKeyInput {
  tenantId: string;
  caseId: string;
  tool: string;
  /** The tool input as the key should see it (JSON data; `undefined` members are dropped). */
  input: unknown;
}

/**
 * The idempotency key of a response action: `idem_` and 32 hex digits of SHA-256 over the RFC 8785 canonical
 * JSON of (tenant, case, tool, input). The same action on the same case gets the same key in every process and
 * on every retry, whatever the order of the input's keys.
 */
export function idempotencyKeyOf(action: IdempotencyKeyInput): string {
  const canonical = canonicalJson([
    'rampart-action-v1',
    action.tenantId,
    action.caseId,
    action.tool,
    toJsonValue(action.input),
  ]);
  return `idem_${createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 32)}`;
}
