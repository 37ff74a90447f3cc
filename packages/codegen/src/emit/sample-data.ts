import { words } from '../naming.js';
import { type IntermediateSpec, type SchemaNode, schemaNameOf } from '../spec/intermediate.js';
import { sampleForPattern } from './pattern-sample.js';
import { isObjectLike, mergeObject } from './schema-graph.js';
import { patternRegExp, type SchemaMode } from './zod-emitter.js';

/**
 * Synthesizes realistic, deterministic data from a schema: the vendor's examples when they fit, then enums, then
 * values by format (email, uuid, date-time, ipv4 ...) and by property name (firstName, city, ipAddress ...).
 * The same schema and path always give the same value, so generated mocks and tests never change between runs.
 */

/** FNV-1a, for picking stable variants by path. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function pick<T>(values: readonly T[], seed: string): T {
  return values[stableHash(seed) % values.length]!;
}

const people = [
  ['Alex', 'Morgan'],
  ['Priya', 'Natarajan'],
  ['Jordan', 'Lee'],
  ['Mateo', 'García'],
  ['Hannah', 'Schmidt'],
  ['Kenji', 'Watanabe'],
  ['Amara', 'Okafor'],
  ['Sofia', 'Rossi'],
] as const;
const places = [
  { city: 'Seattle', state: 'Washington', country: 'United States', countryCode: 'US', postalCode: '98101' },
  { city: 'Toronto', state: 'Ontario', country: 'Canada', countryCode: 'CA', postalCode: 'M5H 2N2' },
  { city: 'Dublin', state: 'Leinster', country: 'Ireland', countryCode: 'IE', postalCode: 'D02 X285' },
  { city: 'Berlin', state: 'Berlin', country: 'Germany', countryCode: 'DE', postalCode: '10115' },
] as const;
const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const sampleDomain = 'example.com';

function token(seed: string, length: number, characters = alphabet): string {
  let out = '';
  let hash = stableHash(seed);
  for (let index = 0; index < length; index++) {
    hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0;
    hash = (hash + index * 0x9e3779b9) >>> 0;
    out += characters[hash % characters.length];
  }
  return out;
}

function uuid(seed: string): string {
  const hex = token(seed, 32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function timestamp(seed: string): string {
  // A fixed base, so samples never depend on the day they were generated.
  const base = Date.UTC(2026, 9, 1, 8, 0, 0);
  const offsetSeconds = stableHash(seed) % (30 * 24 * 3600);
  return new Date(base + offsetSeconds * 1000).toISOString();
}

function ipv4(seed: string): string {
  // RFC 5737 documentation ranges only.
  const range = pick(['192.0.2', '198.51.100', '203.0.113'], seed);
  return `${range}.${(stableHash(`${seed}#ip`) % 250) + 2}`;
}

function person(seed: string) {
  const [first, last] = pick(people, seed);
  const login = `${first.toLowerCase()}.${last
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '')}@${sampleDomain}`;
  return { first, last, login };
}

function byFormat(format: string | undefined, seed: string): string | undefined {
  switch (format) {
    case 'email':
    case 'idn-email':
      return person(seed).login;
    case 'uuid':
      return uuid(seed);
    case 'date-time':
      return timestamp(seed);
    case 'date':
      return timestamp(seed).slice(0, 10);
    case 'time':
      return timestamp(seed).slice(11, 19);
    case 'ipv4':
      return ipv4(seed);
    case 'ipv6':
      return `2001:db8::${(stableHash(seed) % 0xfff).toString(16)}`;
    case 'uri':
    case 'url':
    case 'iri':
      return `https://${sampleDomain}/${token(seed, 8).toLowerCase()}`;
    case 'hostname':
    case 'idn-hostname':
      return `host-${stableHash(seed) % 100}.${sampleDomain}`;
    case 'byte':
      return Buffer.from(`sample-${token(seed, 6)}`).toString('base64');
    case 'binary':
      return 'sample file contents';
    case 'password':
      return `S4mple-${token(seed, 10)}!`;
    default:
      return undefined;
  }
}

/** Values by what a property is called, for the many vendor fields that are `type: string` and nothing more. */
function byName(name: string, seed: string): string | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const last = words(name).pop()?.toLowerCase() ?? '';
  const who = person(seed.replace(/\.[^.]*$/, ''));
  const where = pick(places, seed.replace(/\.[^.]*$/, ''));
  if (/email|login|username|upn|userprincipalname|alternateid/.test(key)) return who.login;
  if (/^(first|given)name$|^givenname$/.test(key)) return who.first;
  if (/^(last|family|sur)name$|^surname$/.test(key)) return who.last;
  if (/^(display|full)?name$|displayname|fullname/.test(key)) return `${who.first} ${who.last}`;
  if (/ip(address)?$|^ip$|clientip|sourceip/.test(key)) return ipv4(seed);
  if (key === 'city') return where.city;
  if (key === 'state' || key === 'region' || key === 'province') return where.state;
  if (key === 'countrycode') return where.countryCode;
  if (key === 'country') return where.country;
  if (/postalcode|zipcode|^zip$/.test(key)) return where.postalCode;
  if (/phone|mobile/.test(key)) return `+1-206-555-01${String(stableHash(seed) % 100).padStart(2, '0')}`;
  if (/href|url|uri|link$/.test(key)) return `https://${sampleDomain}/${token(seed, 8).toLowerCase()}`;
  if (/domain|hostname|^host$/.test(key)) return `acme.${sampleDomain}`;
  if (/useragent/.test(key)) {
    return 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
  }
  if (key === 'browser') return 'SAFARI';
  if (key === 'os') return 'Mac OS X';
  if (/timezone/.test(key)) return 'America/Los_Angeles';
  if (/locale|language/.test(key)) return 'en_US';
  if (/sha256/.test(key)) return token(seed, 64, '0123456789abcdef');
  if (/sha1/.test(key)) return token(seed, 40, '0123456789abcdef');
  if (/md5/.test(key)) return token(seed, 32, '0123456789abcdef');
  if (/title$/.test(key) && key !== 'title') return 'Security Analyst';
  if (key === 'title') return 'Security Analyst';
  if (key === 'department') return 'Security Operations';
  if (/organi[sz]ation|company/.test(key)) return 'Acme Corporation';
  if (/description/.test(key))
    return `Sample ${words(name).slice(0, -1).join(' ').toLowerCase() || 'resource'} used for testing.`;
  if (/message/.test(key)) return 'User signed in to the application';
  if (key === 'status' || key === 'state') return 'ACTIVE';
  if (key === 'severity') return 'INFO';
  if (key === 'result') return 'SUCCESS';
  if (key === 'version') return '1.0';
  if (key === 'cursor' || key === 'after' || key === 'nexttoken' || key === 'pagetoken') return token(seed, 16);
  if (last === 'id' || key === 'id' || /id$/.test(key)) return `00${token(seed, 18)}`;
  if (/date|time|created|updated|changed|published|expires|lastlogin/.test(key)) return timestamp(seed);
  return undefined;
}

function numberByName(name: string, seed: string, integer: boolean): number {
  const key = name.toLowerCase();
  if (/^lat(itude)?$/.test(key)) return 47.6062;
  if (/^(lon|lng|longitude)$/.test(key)) return -122.3321;
  if (key === 'limit' || key.endsWith('pagesize') || key === 'perpage') return 20;
  if (key === 'port') return 443;
  if (/count|total|size/.test(key)) return (stableHash(seed) % 9) + 1;
  if (/score|risk/.test(key)) return (stableHash(seed) % 90) + 10;
  if (/percent/.test(key)) return (stableHash(seed) % 100) + 0;
  return integer ? (stableHash(seed) % 90) + 1 : Math.round(((stableHash(seed) % 10_000) / 100) * 100) / 100;
}

interface SampleOptions {
  mode: SchemaMode;
  /** How many levels of optional properties to fill before only required ones. */
  optionalDepth: number;
}

export class SampleGenerator {
  constructor(private readonly spec: IntermediateSpec) {}

  /** A sample value of `node`; `seed` makes siblings differ and repeats identical. */
  sample(node: SchemaNode, seed: string, name = '', mode: SchemaMode = 'output', optionalDepth = 3): unknown {
    return this.value(node, seed, name, { mode, optionalDepth }, [], 0);
  }

  private value(
    node: SchemaNode,
    seed: string,
    name: string,
    options: SampleOptions,
    stack: string[],
    depth: number,
  ): unknown {
    if (node.$ref !== undefined) {
      const refName = schemaNameOf(node.$ref);
      const target = this.spec.schemas[refName];
      // A recursive schema is followed twice, then cut; past `optionalDepth` only required fields go deeper.
      if (!target || stack.filter((entry) => entry === refName).length >= 2 || depth > 10) return undefined;
      return this.value({ ...target, ...withoutRef(node) }, seed, name, options, [...stack, refName], depth);
    }
    if (node.const !== undefined) return node.const;
    const example = this.usableExample(node, options.mode);
    if (example !== undefined) return example;
    if (node.enum && node.enum.length > 0) return node.enum[0];
    if (node.allOf) {
      const merged: Record<string, unknown> = {};
      let scalar: unknown;
      for (const [index, part] of node.allOf.entries()) {
        const value = this.value(part, `${seed}&${index}`, name, options, stack, depth);
        if (isPlainObject(value)) Object.assign(merged, value);
        else if (value !== undefined) scalar = value;
      }
      const { allOf: _allOf, ...own } = node;
      if (own.properties)
        Object.assign(merged, this.value({ ...own, type: 'object' }, seed, name, options, stack, depth));
      // `required` beside an allOf can name properties its parts declare (Box's User--Mini); past optionalDepth
      // the parts fill only their own required fields, so fill these too or the sample breaks its own schema.
      const missing = (own.required ?? []).filter((key) => !(key in merged));
      if (missing.length > 0 && isObjectLike(this.spec, node)) {
        const properties = mergeObject(this.spec, node).properties ?? {};
        for (const key of missing) {
          const property = properties[key];
          const value = property && this.value(property, `${seed}.${key}`, key, options, stack, depth + 1);
          if (value !== undefined) merged[key] = value;
        }
      }
      return Object.keys(merged).length > 0 || scalar === undefined ? merged : scalar;
    }
    const union = node.oneOf ?? node.anyOf;
    if (union && union.length > 0) {
      for (const member of union) {
        const value = this.value(member, seed, name, options, stack, depth);
        if (value !== undefined) return value;
      }
      return undefined;
    }
    const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
    const type = types.find((candidate) => candidate !== 'null') ?? (node.properties ? 'object' : undefined);
    switch (type) {
      case 'string':
        return this.string(node, seed, name, options.mode);
      case 'integer':
      case 'number': {
        let value =
          node.default !== undefined && typeof node.default === 'number'
            ? node.default
            : numberByName(name, seed, type === 'integer');
        if (node.minimum !== undefined && value < node.minimum) value = node.minimum;
        if (node.maximum !== undefined && value > node.maximum) value = node.maximum;
        return type === 'integer' ? Math.round(value) : value;
      }
      case 'boolean':
        return typeof node.default === 'boolean'
          ? node.default
          : !/^(is)?(disabled|deleted|hidden|locked|suspended)/i.test(name);
      case 'array': {
        if (!node.items) return [];
        const count = Math.max(node.minItems ?? 0, Math.min(node.maxItems ?? 2, depth > 1 ? 1 : 2));
        const items: unknown[] = [];
        for (let index = 0; index < count; index++) {
          const item = this.value(node.items, `${seed}[${index}]`, singular(name), options, stack, depth + 1);
          if (item !== undefined) items.push(item);
        }
        return items;
      }
      case 'object':
        return this.object(node, seed, options, stack, depth);
      default:
        return byName(name, seed) ?? (name ? `${kebab(name)}-${token(seed, 4).toLowerCase()}` : {});
    }
  }

  private object(
    node: SchemaNode,
    seed: string,
    options: SampleOptions,
    stack: string[],
    depth: number,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set(node.required ?? []);
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      if (options.mode === 'input' ? property.readOnly : property.writeOnly) continue;
      if (!required.has(key) && depth >= options.optionalDepth) continue;
      if (property.deprecated && !required.has(key)) continue;
      const value = this.value(property, `${seed}.${key}`, key, options, stack, depth + 1);
      if (value !== undefined) out[key] = value;
    }
    if (!node.properties && typeof node.additionalProperties === 'object') {
      const value = this.value(node.additionalProperties, `${seed}.key`, 'value', options, stack, depth + 1);
      if (value !== undefined) out.example = value;
    }
    return out;
  }

  private string(node: SchemaNode, seed: string, name: string, mode: SchemaMode): string {
    const candidates = [
      typeof node.default === 'string' ? node.default : undefined,
      mode === 'input' && node.pattern !== undefined ? sampleForPattern(node.pattern) : undefined,
      byFormat(node.format, seed),
      byName(name, seed),
      name ? `${kebab(name)}-${token(seed, 4).toLowerCase()}` : `value-${token(seed, 6).toLowerCase()}`,
    ].filter((candidate): candidate is string => candidate !== undefined);
    const fits = (value: string) =>
      (node.minLength === undefined || value.length >= node.minLength) &&
      (node.maxLength === undefined || value.length <= node.maxLength) &&
      (mode === 'output' || node.pattern === undefined || patternRegExp(node.pattern)?.test(value) !== false);
    const chosen = candidates.find(fits) ?? candidates[0]!;
    if (node.minLength !== undefined && chosen.length < node.minLength) return chosen.padEnd(node.minLength, 'x');
    if (node.maxLength !== undefined && chosen.length > node.maxLength) return chosen.slice(0, node.maxLength);
    return chosen;
  }

  /** A vendor example is used when it is concrete and of the declared type (not a `{{placeholder}}`). */
  private usableExample(node: SchemaNode, mode: SchemaMode): unknown {
    const example = node.example;
    if (example === undefined || example === null) return undefined;
    if (JSON.stringify(example).includes('{{')) return undefined;
    const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
    const actual = Array.isArray(example) ? 'array' : typeof example === 'object' ? 'object' : typeof example;
    const matches = types.some(
      (type) =>
        type === actual ||
        (type === 'integer' && typeof example === 'number' && Number.isInteger(example)) ||
        (type === 'number' && typeof example === 'number'),
    );
    if (!matches || actual === 'object' || actual === 'array') return undefined;
    if (node.enum && !node.enum.includes(example)) return undefined;
    if (mode === 'input' && typeof example === 'string' && node.format && byFormat(node.format, '') !== undefined) {
      // Examples of formatted inputs are often placeholders ("user@domain"); the synthesized value is known valid.
      return undefined;
    }
    return example;
  }
}

function withoutRef(node: SchemaNode): SchemaNode {
  const { $ref: _ref, ...rest } = node;
  return rest;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function singular(name: string): string {
  if (/ies$/.test(name)) return name.replace(/ies$/, 'y');
  if (/(ses|xes)$/.test(name)) return name.slice(0, -2);
  if (/s$/.test(name) && !/ss$/.test(name)) return name.slice(0, -1);
  return name;
}

function kebab(name: string): string {
  return words(name)
    .map((word) => word.toLowerCase())
    .join('-');
}
