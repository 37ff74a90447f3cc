/**
 * The parts of @rampart/connector-kit's public API that generated code names, in one place, so a kit change is
 * one edit here (and a regeneration) rather than a hunt through every emitter.
 */
export const kitImports = {
  connector: "import { type ConnectorOptions, createConnector, defineConnector } from '@rampart/connector-kit';",
  mocks:
    'import {\n  createMockVendor,\n  type MockOperations,\n  type MockVendor,\n  type MockVendorOptions,\n' +
    "} from '@rampart/connector-kit/testing';",
  /** The contract test builds its connector from the definition with scaled-down quota windows. */
  contractConnector: "import { createConnector, silentLogger } from '@rampart/connector-kit';",
  /** Mock vendors and the contract suite (`describeConnectorContract`). */
  testingModule: '@rampart/connector-kit/testing',
};
