import { describe, expect, it } from 'vitest';
import { defaultIdempotent, defaultRisk } from './risk.js';

describe('risk and idempotency defaults', () => {
  it('reads are read, everything else is write until the manifest says more', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(defaultRisk)).toEqual(['read', 'read', 'read', 'read']);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(defaultRisk)).toEqual(['write', 'write', 'write', 'write']);
  });

  it('follows HTTP method semantics for idempotency', () => {
    expect(['GET', 'HEAD', 'PUT', 'DELETE'].map(defaultIdempotent)).toEqual([true, true, true, true]);
    expect(['POST', 'PATCH'].map(defaultIdempotent)).toEqual([false, false]);
  });
});
