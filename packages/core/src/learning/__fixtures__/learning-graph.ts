import { parseAlert } from '../../alerts/alert.js';
import type { AuditEvent, AuditSink } from '../../audit/audit-event.js';
import { ManualClock } from '../../clock.js';
import { alertTypeOf } from '../../graph/alert-type.js';
import { ContextGraph } from '../../graph/context-graph.js';
import { MemoryGraphStore } from '../../graph/memory-graph-store.js';

/** An audit sink that keeps what it is given, for asserting what was audited. */
export function recordingAuditSink(): AuditSink & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return {
    events,
    async appendMany(batch) {
      const first = events.length;
      events.push(...batch);
      return batch.map((_, index) => first + index);
    },
  };
}

export const signInAlert = (options: { time: number; uid: string; user: string; ip: string; domain?: string }) =>
  parseAlert({
    class_uid: 3002,
    category_uid: 3,
    severity_id: 3,
    time: options.time,
    message: `Sign-in from a new country for ${options.user}`,
    metadata: { product: { vendor_name: 'Okta', name: 'System Log' }, uid: options.uid },
    observables: [
      { name: 'user.name', type_id: 4, value: options.user },
      { name: 'src_endpoint.ip', type_id: 2, value: options.ip },
      ...(options.domain ? [{ name: 'query.hostname', type_id: 1, value: options.domain }] : []),
    ],
  });

export const signInType = alertTypeOf(signInAlert({ time: 0, uid: 'x', user: 'a@b.example', ip: '192.0.2.1' }));

export function learningGraph() {
  const clock = new ManualClock(1_000_000);
  const store = new MemoryGraphStore();
  const graph = new ContextGraph({ store, tenantId: 'acme', clock });
  return { clock, store, graph };
}
