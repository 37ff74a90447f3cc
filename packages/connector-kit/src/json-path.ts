/**
 * A path into a parsed JSON body: dotted (`meta.next_cursor`, `result.items`), or, when it starts with `/`, a JSON
 * Pointer (RFC 6901: https://www.rfc-editor.org/rfc/rfc6901), which can name keys holding dots or slashes, such as
 * Microsoft Graph's `@odata.nextLink` (`/@odata.nextLink`; `~1` is `/`, `~0` is `~`).
 */
function segmentsOf(path: string): string[] {
  if (!path.startsWith('/')) return path.split('.');
  return path
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Reads a path from a parsed JSON body; `undefined` when any step is missing. */
export function readPath(value: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '') return value;
  let current: unknown = value;
  for (const segment of segmentsOf(path)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Writes `value` at a path, creating objects on the way (used by the mock vendor to shape pages). */
export function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = segmentsOf(path);
  let current = target;
  for (const segment of segments.slice(0, -1)) {
    const next = current[segment];
    if (typeof next !== 'object' || next === null) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments.at(-1)!] = value;
}
