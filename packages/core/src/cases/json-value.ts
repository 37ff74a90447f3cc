import type { JsonValue } from '../audit/audit-event.js';

/**
 * A JSON-only copy of `value` for an audit event: `undefined` members dropped, non-finite numbers as `null`,
 * big integers and dates as strings. Anything that cannot be serialized (a cycle) becomes a marker string,
 * because an audit append must never fail on a payload.
 */
export function toJsonValue(value: unknown): JsonValue {
  try {
    const text = JSON.stringify(value, (_key, member: unknown) =>
      typeof member === 'bigint' ? member.toString() : member,
    );
    return text === undefined ? null : (JSON.parse(text) as JsonValue);
  } catch {
    return '[unserializable]';
  }
}
