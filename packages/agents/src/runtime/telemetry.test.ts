import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { alerts, socHarness } from '../soc/__fixtures__/soc-fixtures.js';

describe('OpenTelemetry spans', () => {
  it('traces the SOC run, each agent, step, model call and tool call, nested as they ran', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const { soc } = socHarness({ telemetry: { tracer: provider.getTracer('rampart-test') } });
    await soc.handle(alerts.mfaFatigue, { tenantId: 'acme' });
    await provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const parentOf = (span: (typeof spans)[number]) => {
      const parentId = span.parentSpanContext?.spanId;
      return parentId === undefined ? undefined : byId.get(parentId);
    };

    const root = spans.find((span) => span.name === 'rampart.soc.handle')!;
    expect(root.attributes).toMatchObject({ 'rampart.tenant.id': 'acme', 'rampart.alerts': 1 });
    const agents = spans.filter((span) => span.name.startsWith('invoke_agent '));
    expect(agents.map((span) => span.attributes['gen_ai.agent.name'])).toEqual([
      'triage',
      'investigation-identity',
      'response',
      'resolution',
    ]);
    for (const agent of agents) expect(parentOf(agent)).toBe(root);

    const chats = spans.filter((span) => span.name === 'chat rampart/rule-based');
    expect(chats.length).toBeGreaterThan(4);
    for (const chat of chats) {
      expect(parentOf(chat)?.name).toMatch(/^step \d+$/);
      expect(parentOf(parentOf(chat)!)?.name).toMatch(/^invoke_agent /);
      expect(chat.attributes['gen_ai.request.model']).toBe('rampart/rule-based');
    }
    const suspend = spans.find((span) => span.name === 'execute_tool suspendUser')!;
    expect(suspend.attributes).toMatchObject({
      'gen_ai.tool.name': 'suspendUser',
      'rampart.tool.risk': 'contain',
      'rampart.tool.status': 'executed',
    });
    expect(suspend.attributes['rampart.idempotency_key']).toMatch(/^idem_/);
    expect(parentOf(suspend)?.attributes['gen_ai.agent.name']).toBe('response');
  });
});
