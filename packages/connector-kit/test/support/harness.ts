import { afterAll, afterEach, beforeAll } from 'vitest';
import type { CallReport } from '../../src/call-report.js';
import { type ConnectorOptions, createConnector } from '../../src/connector.js';
import { createMockVendor, type MockOperations } from '../../src/testing/mock-vendor.js';
import { startMockServer, type MockServer } from '../../src/testing/mock-server.js';
import { acme, acmeVariables, captureLogger, freshTenant, SECRET_TOKEN, virtualTime } from './acme.js';

/**
 * One msw server per test file, a mock Acme vendor, and a factory for connectors on virtual time whose
 * reports and log lines are captured. Connectors are closed after each test.
 */
export function useAcmeVendor(operations: MockOperations<typeof acme> = {}) {
  const vendor = createMockVendor(acme, operations, { baseUrlVariables: acmeVariables });
  let server: MockServer;
  const open: { close(): Promise<void> }[] = [];
  beforeAll(() => {
    server = startMockServer(vendor.handlers);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((connector) => connector.close()));
    vendor.reset();
    server.reset();
  });
  afterAll(() => server.close());

  function connect(overrides: Partial<ConnectorOptions<typeof acme>> = {}) {
    const time = virtualTime();
    const logger = captureLogger();
    const reports: CallReport[] = [];
    const connector = createConnector(acme, {
      credentials: { type: 'ssws', token: SECRET_TOKEN },
      baseUrlVariables: acmeVariables,
      tenantId: freshTenant(),
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      logger,
      onCallEnd: (report) => reports.push(report),
      ...overrides,
    });
    open.push(connector);
    return { connector, time, logger, reports };
  }

  return { vendor, connect, server: () => server };
}
