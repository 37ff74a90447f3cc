import { Alert, entitiesOfAlert } from '@rampart/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertFixtures, connectors, type FuzzedConnector } from './connectors.js';
import { fuzzBudget } from './fuzz-budget.js';
import { checkProperty, scaledRuns } from './fuzz-settings.js';
import { recordInputs } from './input-tally.js';
import { jsonMutation, mutateJson, serializesWithin } from './json-mutations.js';
import { expectLocatedRampartError } from './typed-error.js';

/** Normalizes `payload`; a success must satisfy the Alert schema, a failure must be a located Rampart error. */
function normalizeOrTypedError(connector: FuzzedConnector, payload: unknown): void {
  let alerts: Alert[];
  try {
    alerts = connector.normalizeAlerts(payload);
  } catch (error) {
    expectLocatedRampartError(error, `${connector.id} normalizeAlerts`);
    return;
  }
  for (const alert of alerts) {
    const result = Alert.safeParse(alert);
    if (!result.success)
      throw new Error(`${connector.id} returned an alert outside the schema: ${result.error.message}`);
    // Every observable of a normalized alert goes through its parser; rejects are data with a path, never throws.
    for (const rejected of entitiesOfAlert(result.data).rejected) expect(rejected.path).toMatch(/\S/);
    // Stores, the audit log and model prompts serialize alerts: a normalized alert must always serialize.
    expect(typeof JSON.stringify(result.data)).toBe('string');
  }
}

const emitting = connectors.filter((connector) => connector.alertNormalizers.length > 0);

describe.each(emitting.map((connector) => [connector.id, connector] as const))('%s normalizers', (id, connector) => {
  const fixtures = alertFixtures(connector);

  it('have recorded fixtures to start from', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it('turn mutated recorded payloads into schema-valid alerts or located Rampart errors', () => {
    const runs = scaledRuns(fuzzBudget.mutatedFixturesPerConnector);
    let inputs = 0;
    checkProperty(
      `${id}: mutated fixtures`,
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(jsonMutation, { minLength: 1, maxLength: 5 }),
        (fixtureIndex, mutations) => {
          const payload = mutateJson(fixtures[fixtureIndex]!.payload, mutations);
          fc.pre(serializesWithin(payload));
          inputs++;
          normalizeOrTypedError(connector, payload);
        },
      ),
      runs,
    );
    recordInputs(`${id}: mutated fixtures`, inputs);
    expect(inputs).toBeGreaterThanOrEqual(runs);
  });
});

describe.each(connectors.map((connector) => [connector.id, connector] as const))('%s intake', (id, connector) => {
  it('answers arbitrary values with alerts or located Rampart errors', () => {
    const runs = scaledRuns(fuzzBudget.arbitraryPayloadsPerConnector);
    let inputs = 0;
    checkProperty(
      `${id}: arbitrary payloads`,
      fc.property(fc.oneof(fc.anything({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 })), (payload) => {
        inputs++;
        normalizeOrTypedError(connector, payload);
      }),
      runs,
    );
    recordInputs(`${id}: arbitrary payloads`, inputs);
    expect(inputs).toBeGreaterThanOrEqual(runs);
  });
});
