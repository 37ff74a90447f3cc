/** @rampart/connector-rapid7-insightidr: Rapid7 InsightIDR API tools. Hand-written: the generator created this file once. */
export {
  createRapid7InsightidrConnector,
  type Rapid7InsightidrConnectorOptions,
  rapid7InsightidrConnector,
} from './generated/connector.js';
