import { ManualClock } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../create-sandbox.js';
import { oktaVendor } from '../vendors/okta.js';
import { virustotalVendor } from '../vendors/virustotal.js';
import { SimulatedNetwork } from './simulated-network.js';

const start = Date.UTC(2026, 0, 1);

describe('SimulatedNetwork', () => {
  it('adds up serial requests', async () => {
    const clock = new ManualClock(start);
    const network = new SimulatedNetwork(clock);
    const first = await network.travel(100);
    const second = await network.travel(250);
    expect(first).toEqual({ startedAt: start, completedAt: start + 100 });
    expect(second).toEqual({ startedAt: start + 100, completedAt: start + 350 });
    expect(clock.now()).toBe(start + 350);
  });

  it('overlaps parallel requests: the clock ends at the slowest, each completes at its own end', async () => {
    const clock = new ManualClock(start);
    const network = new SimulatedNetwork(clock);
    const completions: string[] = [];
    const spans = await Promise.all(
      [300, 100, 200].map(async (latency) => {
        const span = await network.travel(latency);
        completions.push(`${latency}@${clock.now() - start}`);
        return span;
      }),
    );
    expect(spans.map((span) => span.startedAt - start)).toEqual([0, 0, 0]);
    expect(clock.now()).toBe(start + 300);
    expect(completions).toEqual(['100@100', '200@200', '300@300']);
  });

  it('starts a follow-up request when the one before it completes, while others are still in flight', async () => {
    const clock = new ManualClock(start);
    const network = new SimulatedNetwork(clock);
    const chained = (async () => {
      await network.travel(100);
      return network.travel(50);
    })();
    const [followUp, slow] = await Promise.all([chained, network.travel(500)]);
    expect(followUp).toEqual({ startedAt: start + 100, completedAt: start + 150 });
    expect(slow.completedAt).toBe(start + 500);
    expect(clock.now()).toBe(start + 500);
  });

  it('never moves the clock back', async () => {
    const clock = new ManualClock(start);
    const network = new SimulatedNetwork(clock);
    const pending = network.travel(100);
    clock.advance(1_000);
    await pending;
    expect(clock.now()).toBe(start + 1_000);
  });
});

describe('vendor latency through the real connectors', () => {
  let sandbox: Sandbox;
  afterEach(async () => {
    await sandbox?.close();
  });
  const world = {
    users: [
      { email: 'jane.doe@acme.example', name: 'Jane Doe' },
      { email: 'raj.patel@acme.example', name: 'Raj Patel' },
    ],
  };

  it('serial tool calls take the sum of their latencies', async () => {
    sandbox = createSandbox({ world, vendors: [oktaVendor], latencyMs: { okta: 120 } });
    const okta = sandbox.connector(oktaVendor);
    await okta.tools.getUser({ userId: 'jane.doe@acme.example' });
    await okta.tools.getUser({ userId: 'raj.patel@acme.example' });
    await okta.tools.listUserGroups({ userId: 'raj.patel@acme.example' });
    expect(sandbox.clock.now() - start).toBe(360);
    expect(sandbox.actions().map((action) => [action.startedAt - start, action.completedAt - start])).toEqual([
      [0, 120],
      [120, 240],
      [240, 360],
    ]);
  });

  it('parallel tool calls overlap', async () => {
    sandbox = createSandbox({ world, vendors: [oktaVendor], latencyMs: { okta: 120 } });
    const okta = sandbox.connector(oktaVendor);
    await Promise.all([
      okta.tools.getUser({ userId: 'jane.doe@acme.example' }),
      okta.tools.getUser({ userId: 'raj.patel@acme.example' }),
      okta.tools.listUserFactors({ userId: 'raj.patel@acme.example' }),
    ]);
    expect(sandbox.clock.now() - start).toBe(120);
    expect(sandbox.actions().every((action) => action.startedAt === start)).toBe(true);
  });
});

describe('vendor rate limits on the simulated clock', () => {
  let sandbox: Sandbox;
  afterEach(async () => {
    await sandbox?.close();
  });

  it('answers 429 over the quota; the connector waits out Retry-After on the simulated clock and succeeds', async () => {
    const publicVirusTotal = { ...virustotalVendor, quotas: undefined };
    sandbox = createSandbox({ vendors: [publicVirusTotal], latencyMs: { virustotal: 100 } });
    const virustotal = sandbox.connector(virustotalVendor);
    await virustotal.tools.lookupDomain({ domain: 'one.example' });
    await virustotal.tools.lookupDomain({ domain: 'two.example' });
    // Public API: 1 request per 15 s. The second is refused at 200 ms, retried at 15 100 ms, done at 15 200 ms.
    expect(sandbox.actions().map((action) => [action.status, action.completedAt - start])).toEqual([
      [200, 100],
      [429, 200],
      [200, 15_200],
    ]);
    expect(sandbox.clock.now() - start).toBe(15_200);
  });
});
