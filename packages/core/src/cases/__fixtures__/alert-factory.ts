import type { AlertInput } from '../../alerts/alert.js';
import { observableTypeIds } from '../../alerts/alert.js';
import type { AuditEvent, AuditSink } from '../../audit/audit-event.js';

const typeOfKind = {
  ip: observableTypeIds.ipAddress,
  host: observableTypeIds.hostname,
  user: observableTypeIds.userName,
  email: observableTypeIds.emailAddress,
  url: observableTypeIds.urlString,
  hash: observableTypeIds.hash,
  file: observableTypeIds.fileName,
} as const;

export type FixtureKind = keyof typeof typeOfKind;

export const baseTime = Date.UTC(2026, 10, 27, 9, 0, 0);
export const minute = 60_000;

/** A valid alert input with the given entities (`'ip:203.0.113.7'`, `'user:jane'` ...). */
export function alertInput(
  uid: string,
  options: { time?: number; severityId?: number; entities?: string[]; title?: string; vendor?: string } = {},
): AlertInput {
  return {
    class_uid: 2004,
    category_uid: 2,
    severity_id: options.severityId ?? 3,
    time: options.time ?? baseTime,
    finding_info: { uid, title: options.title ?? `Finding ${uid}` },
    observables: (options.entities ?? []).map((key) => {
      const separator = key.indexOf(':');
      const kind = key.slice(0, separator) as FixtureKind;
      return { name: kind, type_id: typeOfKind[kind], value: key.slice(separator + 1) };
    }),
    metadata: { product: { vendor_name: options.vendor ?? 'Fixture', name: 'Detections' }, uid },
  };
}

/** An `AuditSink` that keeps what it is given. */
export class RecordingAuditSink implements AuditSink {
  readonly events: AuditEvent[] = [];
  async appendMany(events: readonly AuditEvent[]): Promise<number[]> {
    const start = this.events.length;
    for (const event of events) this.events.push(event);
    return events.map((_event, index) => start + index);
  }
}
