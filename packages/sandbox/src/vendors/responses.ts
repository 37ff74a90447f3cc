import { HttpResponse } from 'msw';

/** Shared helpers for vendor responders. */

/** ISO 8601 with milliseconds, as most vendors print times. */
export function iso(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString();
}

/** ISO 8601 without milliseconds (`2026-01-01T00:00:00Z`), as AWS and CrowdStrike print times. */
export function isoSeconds(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A JSON error body with a status. */
export function vendorError(status: number, body: unknown): Response {
  return HttpResponse.json(body as never, { status });
}

/** Header by which a responder marks a 200 answer as a refusal (Slack's `ok: false`) for the action log. */
export const refusalHeader = 'x-sandbox-outcome';

/** A vendor refusal sent with status 200, as Slack does (`{ ok: false, error }`); the action log records it failed. */
export function refusal(body: unknown): Response {
  return HttpResponse.json(body as never, { status: 200, headers: { [refusalHeader]: 'failed' } });
}

/** An empty `204 No Content`. */
export function noContent(): Response {
  return new HttpResponse(null, { status: 204 });
}

/** A query or body value as a list: one value, several, or a comma-separated string. */
export function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(listOf);
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A string field of an input, or `undefined`. */
export function text(input: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = input[name];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/**
 * Conditions of a vendor filter expression written as `field eq "value"` joined by `and` (Okta, Graph OData, Falcon
 * FQL's `field:'value'`). Unknown syntax yields no conditions, so the filter matches everything.
 */
export function equalityConditions(expression: string | undefined): { field: string; value: string }[] {
  if (expression === undefined) return [];
  const conditions: { field: string; value: string }[] = [];
  for (const match of expression.matchAll(/([\w.$/]+)\s+eq\s+["']([^"']*)["']/gi)) {
    conditions.push({ field: match[1]!, value: match[2]! });
  }
  for (const match of expression.matchAll(/([\w.]+):\s*(?:\[)?["']([^"']*)["']/g)) {
    conditions.push({ field: match[1]!, value: match[2]! });
  }
  return conditions;
}
