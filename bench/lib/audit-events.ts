import type { AuditEvent } from '@rampart/core';
import { SeededRandom } from './seeded-random.js';

/**
 * A deterministic stream of audit events shaped like the ones Rampart writes: mostly `alert-added` from the
 * case engine, then case creation, tool calls, status changes, verdicts and approvals, with the ids, entity
 * keys and short texts they carry (canonical JSON of a few hundred bytes each). The first n events of a longer
 * stream are the n-event stream.
 */
export class AuditEventStream {
  private readonly random: SeededRandom;
  private at: number;
  private sequence = 0;

  constructor(seed = 6_962) {
    this.random = new SeededRandom(seed);
    this.at = Date.UTC(2026, 5, 1);
  }

  take(count: number): AuditEvent[] {
    const events: AuditEvent[] = new Array(count);
    for (let index = 0; index < count; index++) events[index] = this.next();
    return events;
  }

  next(): AuditEvent {
    const random = this.random;
    const sequence = ++this.sequence;
    this.at += random.integer(2_000);
    const caseId = `case_${String(1 + random.skewed(200_000, 50)).padStart(6, '0')}`;
    const base = { at: this.at, tenantId: random.chance(0.9) ? 'acme' : 'globex', caseId };
    const draw = random.next();
    if (draw < 0.6) {
      return {
        ...base,
        type: 'alert-added',
        actor: { type: 'system', id: 'case-engine' },
        data: {
          entryId: `entry_${String(sequence).padStart(8, '0')}`,
          alertId: `alert_${String(sequence).padStart(8, '0')}`,
          fingerprint: `uid\u001fcrowdstrike\u001ffalcon insight\u001fldt:${random.hex(16)}:${sequence}`,
          title: random.pick([
            'PowerShell downloaded and ran a script from a newly seen domain',
            'MFA push fatigue followed by a successful sign-in',
            'Credentials of an IAM user used from an unusual address',
            'Command-and-control traffic to a known bad address',
          ]),
          severityId: random.between(1, 5),
          entities: [
            `host:ws-${random.integer(5_000)}`,
            `user:acme\\user${random.integer(6_000)}`,
            `ip:198.18.${random.integer(256)}.${random.integer(256)}`,
            `hash:sha256:${random.hex(64)}`,
          ],
        },
      };
    }
    if (draw < 0.7) {
      return {
        ...base,
        type: 'case-created',
        actor: { type: 'system', id: 'case-engine' },
        data: {
          title: 'Suspicious scheduled task created',
          severityId: random.between(1, 5),
          alertIds: Array.from(
            { length: random.between(1, 4) },
            () => `alert_${String(random.integer(sequence) + 1).padStart(8, '0')}`,
          ),
        },
      };
    }
    if (draw < 0.85) {
      return {
        ...base,
        type: 'tool-called',
        actor: { type: 'agent', id: 'triage-agent' },
        data: {
          tool: random.pick([
            'okta.getUser',
            'falcon.getDetections',
            'virustotal.getFileReport',
            'm365.searchMessages',
          ]),
          input: { id: random.hex(12) },
          outputSummary: `${random.integer(50)} records; first seen ${random.integer(30)} days ago`,
          durationMs: random.integer(3_000),
          rateLimitWaitMs: random.chance(0.1) ? random.integer(1_000) : 0,
        },
      };
    }
    if (draw < 0.92) {
      return {
        ...base,
        type: 'status-changed',
        actor: { type: 'analyst', id: `analyst-${random.integer(20)}` },
        data: { from: 'triaging', to: random.pick(['investigating', 'responding', 'resolved']) },
      };
    }
    if (draw < 0.97) {
      return {
        ...base,
        type: 'verdict-set',
        actor: { type: 'agent', id: 'triage-agent' },
        data: {
          verdict: random.pick(['true_positive', 'benign', 'false_positive', 'undetermined']),
          confidence: Math.round(random.next() * 100) / 100,
          rationale: 'The sign-in came from a known corporate egress address; the device is managed.',
        },
      };
    }
    return {
      ...base,
      type: 'approval-decided',
      actor: { type: 'analyst', id: `analyst-${random.integer(20)}` },
      data: { tool: 'falcon.containHost', approved: random.chance(0.8), reason: 'Confirmed compromise.' },
    };
  }
}
