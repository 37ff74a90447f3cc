import { equalityConditions } from './responses.js';

/** Reads a dotted path (`device.hostname`) from a native alert. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) current = current.map((item) => (item as Record<string, unknown>)?.[segment]);
    else if (typeof current === 'object' && current !== null) current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}

/**
 * Native alerts that satisfy the `field eq "value"` / `field:'value'` conditions of a vendor filter. A field the
 * alert does not have never matches; syntax the sandbox does not read (ranges, wildcards) does not narrow.
 */
export function filterAlerts<T>(alerts: readonly T[], filter: string | undefined): T[] {
  const conditions = equalityConditions(filter);
  return alerts.filter((alert) =>
    conditions.every(({ field, value }) => {
      const found = readPath(alert, field);
      const values = Array.isArray(found) ? found : [found];
      return values.some((item) => item !== undefined && String(item).toLowerCase() === value.toLowerCase());
    }),
  );
}
