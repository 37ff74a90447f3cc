import { describe, expect, it } from 'vitest';
import * as connectorEntry from './connector.js';
import * as rootEntry from './index.js';

describe('@rampart/core/connector', () => {
  it('exports the same values as @rampart/core, so errors and schemas are one whichever entry a package imports', () => {
    const exported = Object.entries(connectorEntry);
    const rootExports = new Map(Object.entries(rootEntry));
    expect(exported.length).toBeGreaterThan(50);
    for (const [name, value] of exported) expect(rootExports.get(name), name).toBe(value);
  });

  it('has what connectors and the kit build on', () => {
    for (const name of ['defineTool', 'toOpenAITools', 'defineNormalizer', 'normalizeAlerts', 'ValidationError']) {
      expect(connectorEntry, name).toHaveProperty(name);
    }
    expect(connectorEntry).not.toHaveProperty('createCaseEngine');
    expect(connectorEntry).not.toHaveProperty('AuditLog');
  });
});
