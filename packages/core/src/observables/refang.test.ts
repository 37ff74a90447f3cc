import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defang, refang } from './refang.js';

describe('refang', () => {
  it('undoes the common defanging forms', () => {
    expect(refang('hxxps://evil[.]com/a')).toBe('https://evil.com/a');
    expect(refang('hxxp://evil(.)com')).toBe('http://evil.com');
    expect(refang('HXXPS[:]//evil[.]com')).toBe('HTTPS://evil.com');
    expect(refang('hxxp[://]evil[.]com')).toBe('http://evil.com');
    expect(refang('bob[@]evil[.]com')).toBe('bob@evil.com');
    expect(refang('10[.]0[.]0[.]1')).toBe('10.0.0.1');
  });

  it('undoes nested forms completely, so it is idempotent', () => {
    expect(refang('evil[[.]]com')).toBe('evil.com');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'hxXp:/.@[]()s'), maxLength: 30 }), (text) => {
        expect(refang(refang(text))).toBe(refang(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves live text and look-alikes alone', () => {
    expect(refang('https://example.com/a')).toBe('https://example.com/a');
    expect(refang('hxxpfoo')).toBe('hxxpfoo');
    expect(refang('setup.exe (x86)')).toBe('setup.exe (x86)');
    expect(refang('[x]')).toBe('[x]');
  });
});

describe('defang', () => {
  it('makes indicators safe to paste', () => {
    expect(defang('https://evil.com/a')).toBe('hxxps://evil[.]com/a');
    expect(defang('HTTP://evil.com')).toBe('HXXP://evil[.]com');
    expect(defang('bob@evil.com')).toBe('bob[@]evil[.]com');
  });

  it('round-trips through refang for text without defanged tokens', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'htpsx:/.@[]()aZ9'), maxLength: 30 }), (text) => {
        fc.pre(refang(text) === text);
        expect(refang(defang(text))).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips URLs and addresses', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.emailAddress(), fc.domain(), fc.ipV4()), (text) => {
        fc.pre(refang(text) === text);
        expect(refang(defang(text))).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
