import { describe, expect, it } from 'vitest';
import { RampartError } from '../errors.js';
import { isRetryableStatus, ModelApiError, ModelBehaviorError } from './model-errors.js';

describe('ModelApiError', () => {
  it('is retryable for 408, 409, 429 and 5xx, and when no response arrived', () => {
    expect([400, 401, 403, 404, 408, 409, 422, 429, 500, 503, 529].filter(isRetryableStatus)).toEqual([
      408, 409, 429, 500, 503, 529,
    ]);
    expect(new ModelApiError('unreachable', { model: 'm' }).retryable).toBe(true);
    expect(new ModelApiError('quota', { model: 'm', status: 429, retryable: false }).retryable).toBe(false);
  });

  it('puts the fault with the caller for 4xx other than 429, and with the provider otherwise', () => {
    expect(new ModelApiError('x', { model: 'm', status: 401 }).fault).toBe('client');
    expect(new ModelApiError('x', { model: 'm', status: 429 }).fault).toBe('server');
    expect(new ModelApiError('x', { model: 'm', status: 503 }).fault).toBe('server');
    expect(new ModelApiError('x', { model: 'm' }).fault).toBe('server');
  });

  it('is recognised by marker and name, not by class identity', () => {
    const error = new ModelApiError('x', { model: 'm', status: 500 });
    expect(RampartError.isInstance(error)).toBe(true);
    expect(ModelApiError.isInstance(error)).toBe(true);
    expect(ModelBehaviorError.isInstance(error)).toBe(false);
    const lookalike = Object.assign(new Error('x'), { name: 'ModelApiError' });
    expect(ModelApiError.isInstance(lookalike)).toBe(false);
  });
});

describe('ModelBehaviorError', () => {
  it('keeps what the model sent, truncated', () => {
    const error = new ModelBehaviorError('bad', {
      model: 'm',
      code: 'invalid-tool-arguments',
      toolName: 'lookupIp',
      rawArguments: 'x'.repeat(5_000),
    });
    expect(error).toMatchObject({ name: 'ModelBehaviorError', fault: 'server', code: 'invalid-tool-arguments' });
    expect(error.rawArguments).toHaveLength(2_000);
    expect(ModelBehaviorError.isInstance(error)).toBe(true);
  });
});
