import { describe, expect, it } from 'vitest';
import { createSandbox } from '../create-sandbox.js';
import { shippedScenarios } from './load-scenario.js';

const scenarios = await shippedScenarios();

describe('shipped scenarios', () => {
  it('ship at least ten, with unique ids', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
    expect(new Set(scenarios.map((scenario) => scenario.id)).size).toBe(scenarios.length);
  });

  it.each(scenarios.map((scenario) => [scenario.id, scenario] as const))(
    '%s: its alerts normalise through the connectors that emit them',
    async (_id, scenario) => {
      const sandbox = createSandbox({ scenario });
      try {
        expect(sandbox.alerts).toHaveLength(scenario.alerts.length);
        for (const alert of sandbox.alerts) {
          expect(alert.alerts.length).toBeGreaterThan(0);
          const connector = scenario.alerts[alert.index]!.connector;
          expect(alert.connectorId).toBe(connector);
          for (const normalized of alert.alerts) expect(normalized.time).toBeLessThanOrEqual(alert.arrivesAt);
        }
      } finally {
        await sandbox.close();
      }
    },
  );
});
