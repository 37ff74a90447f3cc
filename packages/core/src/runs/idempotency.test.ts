import { describe, expect, it } from 'vitest';
import { idempotencyKeyOf } from './idempotency.js';

const base = { tenantId: 'acme', caseId: 'case-1', tool: 'containHost', input: { hostId: 'h-1', reason: 'malware' } };

describe('idempotencyKeyOf', () => {
  it('is deterministic and ignores key order and undefined members', () => {
    const key = idempotencyKeyOf(base);
    expect(key).toMatch(/^idem_[0-9a-f]{32}$/);
    expect(idempotencyKeyOf({ ...base, input: { reason: 'malware', hostId: 'h-1', extra: undefined } })).toBe(key);
  });

  it('differs by tenant, case, tool and input', () => {
    const key = idempotencyKeyOf(base);
    expect(idempotencyKeyOf({ ...base, tenantId: 'globex' })).not.toBe(key);
    expect(idempotencyKeyOf({ ...base, caseId: 'case-2' })).not.toBe(key);
    expect(idempotencyKeyOf({ ...base, tool: 'isolateHost' })).not.toBe(key);
    expect(idempotencyKeyOf({ ...base, input: { hostId: 'h-2', reason: 'malware' } })).not.toBe(key);
  });

  it('cannot be confused by values that contain separators', () => {
    expect(idempotencyKeyOf({ ...base, tenantId: 'a', caseId: 'b:c' })).not.toBe(
      idempotencyKeyOf({ ...base, tenantId: 'a:b', caseId: 'c' }),
    );
  });
});
