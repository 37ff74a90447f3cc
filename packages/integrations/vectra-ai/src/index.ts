/** @rampart/connector-vectra-ai: Vectra AI Platform API v3.4 tools. Hand-written: the generator created this file once. */
export {
  createVectraAiConnector,
  type VectraAiConnectorOptions,
  vectraAiConnector,
} from './generated/connector.js';
