import { createSoc, ruleBasedReasoner } from '@rampart/agents';
import {
  type AlertInput,
  type AnyTool,
  type Capability,
  defineTool,
  MemoryAuditStore,
  MemoryCaseStore,
  MemoryRunStore,
  type Risk,
} from '@rampart/core';
import { z } from 'zod';
import { measure } from './lib/measure.js';
import { formatNumber, ratio, report } from './lib/report.js';

/**
 * One end-to-end case (triage → investigation → response → resolution with the rule-based reasoner) against tools
 * that each take a simulated vendor latency, run twice: with the loop's default parallel enrichment, and with
 * `concurrency: 1`, which runs every call one after the other. Same case, same tools, same process: the ratio
 * serial / parallel is what parallel enrichment buys. Goal: at least 3×.
 */
const latencyMs = 50;
const tenantId = 'acme';
let toolCalls = 0;

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function vendorTool(name: string, capability: Capability, risk: Risk, field: string, output: unknown = { ok: true }) {
  return defineTool({
    name,
    description: `${name}: a simulated vendor call (${capability}) that takes ${latencyMs} ms.`,
    input: z.object({ [field]: z.string() }).extend(risk === 'read' ? {} : { reason: z.string().optional() }),
    output: z.unknown(),
    risk,
    idempotent: true,
    capabilities: [capability],
    execute: async () => {
      toolCalls++;
      await sleep(latencyMs);
      return output;
    },
  });
}

const malicious = { reputation: 'malicious' };
const tools: AnyTool[] = [
  vendorTool('lookupIp', 'ip.reputation', 'read', 'ip', malicious),
  vendorTool('lookupDomain', 'domain.reputation', 'read', 'domain', malicious),
  vendorTool('lookupUrl', 'url.reputation', 'read', 'url', malicious),
  vendorTool('lookupHash', 'hash.reputation', 'read', 'hash', { reputation: 'unknown' }),
  vendorTool('getUser', 'user.profile', 'read', 'userId', { groups: ['Everyone'] }),
  vendorTool('getSignIns', 'user.sign-ins', 'read', 'userId', { events: [] }),
  vendorTool('getHost', 'host.details', 'read', 'hostname', { contained: false }),
  vendorTool('listDetections', 'host.processes', 'read', 'hostname', { detections: [] }),
  vendorTool('searchMessages', 'message.search', 'read', 'sender', { messages: [{ messageId: 'msg-1' }] }),
  vendorTool('containHost', 'host.contain', 'contain', 'hostname'),
  vendorTool('purgeMessage', 'message.purge', 'contain', 'messageId'),
  vendorTool('createTicket', 'ticket.create', 'write', 'title'),
  vendorTool('postChat', 'chat.post', 'write', 'text'),
];

/** A phishing campaign that reached a laptop: many indicators to enrich, a few actions to take. */
const observables = [
  { name: 'email.from', type_id: 5, value: 'billing@invoice-update.example' },
  { name: 'device.hostname', type_id: 1, value: 'ws-jdoe-01.corp.acme.example' },
  ...Array.from({ length: 10 }, (_, index) => ({
    name: 'src_endpoint.ip',
    type_id: 2,
    value: `203.0.113.${index + 10}`,
  })),
  ...Array.from({ length: 6 }, (_, index) => ({
    name: 'dst_endpoint.domain',
    type_id: 1,
    value: `cdn${index}.invoice-update.example`,
  })),
  ...Array.from({ length: 6 }, (_, index) => ({
    name: 'email.urls',
    type_id: 6,
    value: `https://invoice-update.example/p/${index}`,
  })),
  ...Array.from({ length: 4 }, (_, index) => ({
    name: 'process.file.hashes',
    type_id: 8,
    value: `${index}`.repeat(64),
  })),
];
const alert: AlertInput = {
  class_uid: 2004,
  category_uid: 2,
  activity_id: 1,
  severity_id: 5,
  time: Date.UTC(2026, 10, 27, 9),
  finding_info: {
    uid: 'bench-1',
    title: 'Phishing payload executed: script from a newly seen domain',
    types: ['Phish', 'Execution'],
  },
  observables,
  attacks: [{ technique: { uid: 'T1566.002' } }, { technique: { uid: 'T1059.001' } }],
  metadata: { product: { vendor_name: 'Bench', name: 'Detections' }, uid: 'bench-1' },
};

async function runCase(concurrency: number): Promise<void> {
  const soc = createSoc({
    stores: { cases: new MemoryCaseStore(), audit: new MemoryAuditStore(), runs: new MemoryRunStore() },
    model: ruleBasedReasoner(),
    tools,
    concurrency,
  });
  const result = await soc.handle(alert, { tenantId });
  if (result.status !== 'completed' || result.case.status !== 'resolved') {
    throw new Error(`The bench case did not finish: ${result.status} ${result.error ?? ''}`);
  }
}

toolCalls = 0;
await runCase(16);
const callsPerCase = toolCalls;
const parallel = await measure(() => runCase(16), { warmup: 1, repeat: 5 });
const serial = await measure(() => runCase(1), { warmup: 1, repeat: 5 });
const speedup = serial.medianMs / parallel.medianMs;

report(
  'agents-parallel',
  'Agent loop: one end-to-end case, parallel enrichment vs serial',
  [
    {
      metric: `case with ${callsPerCase} tool calls, ${latencyMs} ms each (parallel, concurrency 16)`,
      value: `${formatNumber(parallel.medianMs)} ms`,
      anchor: `${formatNumber(serial.medianMs)} ms serial (concurrency 1)`,
      ratio: ratio(serial.medianMs, parallel.medianMs),
      goal: '≥ 3× faster',
      met: speedup >= 3,
    },
  ],
  [
    'Memory stores and the rule-based reasoner; the tools only sleep, so the time is vendor latency plus Rampart’s own work.',
    'Response actions run one by one in both modes; only independent read-only calls of one step run together.',
  ],
);
