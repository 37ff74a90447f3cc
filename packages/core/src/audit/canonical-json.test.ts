import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, canonicalJsonBytes } from './canonical-json.js';

function fromIeee754(hex: string): number {
  return Buffer.from(hex, 'hex').readDoubleBE(0);
}

describe('canonicalJson (RFC 8785)', () => {
  it('serialises the example of §3.2.2 as the RFC shows', () => {
    const input = JSON.parse(`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`);
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, as the example of §3.2.3', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Compared as text: parsing it back would put the integer-like key "1" first, as JavaScript objects do.
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the IEEE 754 value %s as %s (Appendix B)', (bits, expected) => {
    expect(canonicalJson(fromIeee754(bits))).toBe(expected);
  });

  it.each([['7fffffffffffffff'], ['7ff0000000000000'], ['fff0000000000000']])(
    'rejects the non-finite IEEE 754 value %s (Appendix B)',
    (bits) => {
      expect(() => canonicalJson(fromIeee754(bits))).toThrow(CanonicalJsonError);
    },
  );

  it('escapes only quote, backslash and control characters, with the short forms JSON has', () => {
    expect(canonicalJson('\b\t\n\f\r"\\/\u0001\u001f\u007f é')).toBe('"\\b\\t\\n\\f\\r\\"\\\\/\\u0001\\u001f\u007f é"');
    expect(canonicalJson({ 'a\nb': 1 })).toBe('{"a\\nb":1}');
  });

  it('writes no whitespace and keeps array order', () => {
    expect(canonicalJson({ b: [3, 1, { z: null, a: false }], a: {} })).toBe('{"a":{},"b":[3,1,{"a":false,"z":null}]}');
  });

  it('encodes the text as UTF-8', () => {
    expect(canonicalJsonBytes({ e: '€' }).toString('hex')).toBe(Buffer.from('{"e":"€"}', 'utf8').toString('hex'));
  });

  it.each<[string, unknown, string]>([
    ['undefined', { a: { b: undefined } }, 'a.b'],
    ['NaN', { list: [1, Number.NaN] }, 'list[1]'],
    ['Infinity', [Number.POSITIVE_INFINITY], '[0]'],
    ['a function', { f: () => 1 }, 'f'],
    ['a bigint', { n: 10n }, 'n'],
    ['a symbol', { s: Symbol('s') }, 's'],
    ['a Date', { at: new Date(0) }, 'at'],
    ['a Map', { m: new Map() }, 'm'],
    ['a sparse array', { holes: Object.assign(new Array(3), { 0: 1, 2: 3 }) }, 'holes[1]'],
    ['an unpaired surrogate', { text: 'a\uD800b' }, 'text'],
    ['an unpaired surrogate in a key', { 'k\uDC00': 1 }, 'k\uDC00'],
  ])('rejects %s with a CanonicalJsonError naming the path', (_label, value, path) => {
    try {
      canonicalJson(value);
      expect.unreachable();
    } catch (error) {
      expect(CanonicalJsonError.isInstance(error)).toBe(true);
      expect((error as CanonicalJsonError).path).toBe(path);
    }
  });

  it('rejects cycles but accepts a value shared by two branches', () => {
    const cyclic: Record<string, unknown> = { a: { b: [] as unknown[] } };
    ((cyclic.a as Record<string, unknown>).b as unknown[]).push(cyclic);
    expect(() => canonicalJson(cyclic)).toThrow(/a\.b\[0\]: circular reference/);
    const shared = { x: 1 };
    expect(canonicalJson({ left: shared, right: shared })).toBe('{"left":{"x":1},"right":{"x":1}}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null), { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it('is idempotent: canonical text parsed and canonicalised again is unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
    );
  });

  it('does not depend on the order keys were inserted in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('agrees with JSON.parse on the data: canonicalisation loses nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

/** Rebuilds every object with its keys in a seed-dependent order (own data properties, so `__proto__` survives). */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((element, index) => shuffleKeys(element, seed + index));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, child], index) => [key, shuffleKeys(child, seed * 31 + index)]);
  entries.sort(([a], [b]) => hashKey(String(a), seed) - hashKey(String(b), seed));
  return Object.fromEntries(entries);
}

function hashKey(key: string, seed: number): number {
  let hash = seed | 0;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x5bd1e995);
  return hash;
}
