import { EmailParseError, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { isLocatedRampartError } from './typed-error.js';

describe('isLocatedRampartError', () => {
  it('accepts Rampart errors that say where, and nothing else', () => {
    expect(isLocatedRampartError(new EmailParseError('headers[0]', 'invalid-header', 'x'))).toBe(true);
    expect(isLocatedRampartError(new ValidationError('Alert', [{ path: 'time', message: 'bad' }]))).toBe(true);
    expect(isLocatedRampartError(new ValidationError('Alert', []))).toBe(false);
    expect(isLocatedRampartError(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isLocatedRampartError(new RangeError('Maximum call stack size exceeded'))).toBe(false);
  });
});
