/**
 * Prints plain data (strings, numbers, booleans, arrays, objects) as TypeScript source with single quotes and
 * trailing commas, the way Biome formats hand-written code, so generated tables read like the code beside them.
 * Values wrapped with `code()` are printed verbatim.
 */
export class Code {
  constructor(readonly text: string) {}
}

export function code(text: string): Code {
  return new Code(text);
}

export function stringLiteral(value: string): string {
  const escaped = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${escaped}'`;
}

/** An object key: bare when it is an identifier, single-quoted otherwise. */
export function objectKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}

const maxInlineWidth = 100;

export function printValue(value: unknown, indent = ''): string {
  if (value instanceof Code) return value.text;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => printValue(item, inner));
    const inline = `[${items.join(', ')}]`;
    if (inline.length + indent.length <= maxInlineWidth && !inline.includes('\n')) return inline;
    return `[\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined);
    if (entries.length === 0) return '{}';
    const items = entries.map(([key, entry]) =>
      entry instanceof Code && entry.text === key ? key : `${objectKey(key)}: ${printValue(entry, inner)}`,
    );
    const inline = `{ ${items.join(', ')} }`;
    if (inline.length + indent.length <= maxInlineWidth && !inline.includes('\n')) return inline;
    return `{\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}}`;
  }
  throw new Error(`Cannot print ${typeof value} as source`);
}
