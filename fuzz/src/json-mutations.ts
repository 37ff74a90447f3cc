import fc from 'fast-check';

/**
 * Mutations of a recorded vendor payload, as data (so fast-check can shrink them and print them): what a vendor
 * API change, a proxy, a truncating log shipper or a hostile tenant could send in place of the fixture.
 */
export type JsonMutation =
  | { kind: 'drop'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'wrong-type'; at: number }
  | { kind: 'huge-string'; at: number; unit: string; length: number }
  | { kind: 'unicode'; at: number; text: string }
  | { kind: 'deep-nesting'; at: number; depth: number; asArray: boolean }
  | { kind: 'repeat'; at: number; copies: number }
  | { kind: 'special-key'; at: number; key: string; value: unknown };

const specialValues = [
  null,
  undefined,
  '',
  0,
  -0,
  -1,
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53 + 1,
  true,
  [],
  {},
  '0',
  'null',
  'true',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '-1',
  ' ',
];

const specialKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
  ' ',
  'id',
  'type',
  'value',
];

const replacement: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...specialValues) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
);

const index = fc.nat({ max: 100_000 });

/** Text that decoders and scanners inside normalizers branch on: references, encodings, brackets, schemes. */
const hostileFragment = fc.constantFrom(
  '&#99999999;',
  '&#x110000;',
  '&#xD800;',
  '&amp;',
  '%E0%A4%A',
  '%',
  '=?utf-8?B?',
  '\\u0000',
  '[.]',
  'hxxp://',
  'http://[::1',
  'https://a.example/?url=https%3A%2F%2F',
  '<script>',
  '<a href="',
  '\r\n',
  '::',
  '1.2.3.999',
  '-1e400',
  '0x',
  'NaN',
);

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: index }),
  fc.record({ kind: fc.constant('replace' as const), at: index, value: replacement }),
  fc.record({ kind: fc.constant('wrong-type' as const), at: index }),
  fc.record({
    kind: fc.constant('huge-string' as const),
    at: index,
    unit: fc.constantFrom(
      'A',
      'é',
      '\u{1F600}',
      '\u0000',
      '.',
      '@',
      '%',
      '\uD800',
      ' ',
      '<',
      ':',
      '(',
      '[',
      '&#',
      '=?',
      'a.',
    ),
    length: fc.integer({ min: 10_000, max: 200_000 }),
  }),
  fc.record({
    kind: fc.constant('unicode' as const),
    at: index,
    text: fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), hostileFragment),
  }),
  fc.record({
    kind: fc.constant('deep-nesting' as const),
    at: index,
    depth: fc.integer({ min: 10, max: 5_000 }),
    asArray: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('repeat' as const), at: index, copies: fc.integer({ min: 2, max: 2_000 }) }),
  fc.record({
    kind: fc.constant('special-key' as const),
    at: index,
    key: fc.constantFrom(...specialKeys),
    value: replacement,
  }),
);

const maxRepeatedNodes = 20_000;

type Container = Record<string, unknown> | unknown[];
interface Location {
  parent: Container;
  key: string | number;
}

/** Every value in the tree with the container holding it, root first (the root sits in a one-key holder). */
function locationsOf(holder: { root: unknown }): Location[] {
  const found: Location[] = [];
  const visit = (parent: Container, key: string | number, depth: number) => {
    found.push({ parent, key });
    const value = (parent as Record<string | number, unknown>)[key];
    if (depth > 64 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value))
      for (let position = 0; position < value.length; position++) visit(value, position, depth + 1);
    else for (const child of Object.keys(value)) visit(value as Record<string, unknown>, child, depth + 1);
  };
  visit(holder as Container, 'root', 0);
  return found;
}

function wrongTypeOf(value: unknown): unknown {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (Array.isArray(value)) return Object.fromEntries(value.map((item, position) => [String(position), item]));
  if (typeof value === 'object' && value !== null) return Object.values(value);
  return {};
}

function nest(value: unknown, depth: number, asArray: boolean): unknown {
  let nested = value;
  for (let level = 0; level < depth; level++) nested = asArray ? [nested] : { value: nested };
  return nested;
}

/** Applies the mutations in order to a deep copy of `payload`. */
export function mutateJson(payload: unknown, mutations: readonly JsonMutation[]): unknown {
  const holder = { root: structuredClone(payload) };
  for (const mutation of mutations) {
    const locations = locationsOf(holder);
    const { parent, key } = locations[mutation.at % locations.length]!;
    const record = parent as Record<string | number, unknown>;
    switch (mutation.kind) {
      case 'drop':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (parent !== (holder as Container)) delete record[key];
        break;
      case 'replace':
        record[key] = structuredClone(mutation.value);
        break;
      case 'wrong-type':
        record[key] = wrongTypeOf(record[key]);
        break;
      case 'huge-string':
        record[key] = mutation.unit.repeat(mutation.length);
        break;
      case 'unicode':
        record[key] = typeof record[key] === 'string' ? `${record[key]}${mutation.text}` : mutation.text;
        break;
      case 'deep-nesting':
        record[key] = nest(record[key], mutation.depth, mutation.asArray);
        break;
      case 'repeat': {
        // Bounded, so two stacked repeats do not multiply into a million-node payload: slow, and no new case.
        const value = record[key];
        const copies = Math.max(2, Math.min(mutation.copies, Math.floor(maxRepeatedNodes / locations.length)));
        record[key] = Array.from({ length: copies }, () => value);
        break;
      }
      case 'special-key': {
        const target = record[key];
        if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
          // defineProperty, so `__proto__` becomes an own data property as JSON.parse would make it.
          Object.defineProperty(target, mutation.key, {
            value: mutation.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        break;
      }
    }
  }
  return holder.root;
}

/**
 * Whether the payload, written out as JSON, stays under `limit` characters (shared subtrees counted each time
 * they appear). Stacked repeats of a huge string build values that no JSON text could have produced: their
 * `JSON.stringify` exceeds V8's maximum string length, a fuzzer artefact rather than a vendor payload.
 */
export function serializesWithin(payload: unknown, limit = 4_000_000): boolean {
  let size = 0;
  const pending: unknown[] = [payload];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') size += value.length * 6 + 2;
    else if (Array.isArray(value)) {
      size += 16;
      for (let index = 0; index < value.length; index++) pending.push(value[index]);
    } else if (typeof value === 'object' && value !== null) {
      size += 16;
      for (const key in value) {
        size += key.length + 4;
        pending.push((value as Record<string, unknown>)[key]);
      }
    } else size += 16;
    if (size > limit) return false;
  }
  return true;
}
