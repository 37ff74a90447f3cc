import { RampartError } from '../errors.js';
import { formatIssuePath } from '../validation.js';

/** A value that RFC 8785 cannot serialise (undefined, NaN, a function, a cycle ...), with where it sits. */
export class CanonicalJsonError extends RampartError {
  override readonly name = 'CanonicalJsonError';
  constructor(
    /** Dotted path to the offending value, e.g. `data.hosts[2].seen`; empty for the root. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Cannot canonicalize ${path || '(root)'}: ${reason}`);
  }
  static override isInstance(value: unknown): value is CanonicalJsonError {
    return RampartError.isInstance(value) && value.name === 'CanonicalJsonError';
  }
}

/**
 * Serialises `value` as RFC 8785 (JSON Canonicalization Scheme) text: no whitespace, object keys sorted by
 * UTF-16 code units, numbers as ECMAScript prints them, strings with the minimal escaping of §3.2.2.2.
 * Equal JSON data always gives the same text, so its UTF-8 bytes can be hashed and signed.
 *
 * Only JSON data is accepted: plain objects, arrays, strings, finite numbers, booleans and null. Anything else
 * (undefined, NaN, Infinity, bigint, functions, symbols, class instances such as Date, cycles, strings with
 * unpaired surrogates, which I-JSON forbids) throws a `CanonicalJsonError` naming its path.
 */
export function canonicalJson(value: unknown): string {
  return write(value, [], []);
}

/** The UTF-8 bytes of `canonicalJson(value)`: what an audit leaf hash is computed over. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/**
 * `path` is the stack of keys and indexes leading to `value` and `ancestors` the objects enclosing it, both
 * pushed and popped as the walk descends (JSON nesting is shallow, so a linear search beats a Set).
 */
function write(value: unknown, path: PropertyKey[], ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return quote(value, path);
    case 'number':
      if (!Number.isFinite(value)) fail(path, `${value} is not a JSON number`);
      // ECMAScript Number-to-String is exactly the serialisation RFC 8785 §3.2.2.3 prescribes (and it prints -0 as 0).
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      fail(path, `${typeof value} is not a JSON value`);
  }
  if (ancestors.includes(value)) fail(path, 'circular reference');
  ancestors.push(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      // `in` tells a hole of a sparse array from an element that is present.
      if (!(index in value)) fail(path, 'missing array element');
      out += (index > 0 ? ',' : '') + write(value[index], path, ancestors);
      path.pop();
    }
    out += ']';
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      fail(path, `${prototype?.constructor?.name ?? 'object'} instance is not a plain JSON object`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) fail(path, 'symbol-keyed property');
    const record = value as Record<string, unknown>;
    // The default comparison of JavaScript strings is by UTF-16 code units, as §3.2.3 requires.
    const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out = '{';
    for (let position = 0; position < keys.length; position++) {
      const key = keys[position]!;
      path.push(key);
      out += `${position > 0 ? ',' : ''}${quote(key, path)}:${write(record[key], path, ancestors)}`;
      path.pop();
    }
    out += '}';
  }
  ancestors.pop();
  return out;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters RFC 8785 escapes.
const needsEscape = /["\\\u0000-\u001f]/;
const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// `String.prototype.isWellFormed` (ES2024, in Node 20) is much faster than the regular expression.
const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
const isWellFormed = (text: string): boolean =>
  nativeIsWellFormed ? nativeIsWellFormed.call(text) : !unpairedSurrogate.test(text);
const shortEscapes: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

/** RFC 8785 §3.2.2.2: escape `"`, `\` and U+0000..U+001F (short forms where JSON has them), nothing else. */
function quote(text: string, path: PropertyKey[]): string {
  if (!isWellFormed(text)) fail(path, 'string contains an unpaired UTF-16 surrogate');
  if (!needsEscape.test(text)) return `"${text}"`;
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const short = shortEscapes[code];
    if (short !== undefined) out += short;
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += text[index];
  }
  return `${out}"`;
}

function fail(path: PropertyKey[], reason: string): never {
  throw new CanonicalJsonError(formatIssuePath(path), reason);
}
