import { describe, expect, it } from 'vitest';
import { SharedStrings } from './shared-strings.js';

describe('SharedStrings', () => {
  it('gives back an equal string for every value, before and after the table starts over', () => {
    const strings = new SharedStrings(3);
    const values = ['Detection Finding', 'IP Address', 'Detection Finding', 'User Name', 'Hostname', 'IP Address'];
    for (let round = 0; round < 3; round++) {
      for (const value of values) expect(strings.share(`${value}`)).toBe(value);
    }
  });

  it('leaves long strings and anything but strings as they are', () => {
    const strings = new SharedStrings(8, 4);
    const object = { name: 'x' };
    expect(strings.share(object)).toBe(object);
    expect(strings.share(undefined)).toBeUndefined();
    expect(strings.share(42)).toBe(42);
    expect(strings.share('longer than four')).toBe('longer than four');
  });
});
