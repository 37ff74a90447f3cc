type FlatValue = string | number | boolean | null | readonly (string | number)[];

/**
 * One-line JSON with `": "` and `", "` separators, keys in the given order: the exact form the CLI's audit
 * commands document. Any JSON parser reads it; people and `grep` read it too.
 */
export function spacedJson(record: Readonly<Record<string, FlatValue>>): string {
  const value = (item: FlatValue): string =>
    Array.isArray(item) ? `[${item.map((element) => JSON.stringify(element)).join(', ')}]` : JSON.stringify(item);
  return `{${Object.entries(record)
    .map(([key, item]) => `${JSON.stringify(key)}: ${value(item)}`)
    .join(', ')}}`;
}
