/**
 * @rampart/connector-proofpoint-tap: Proofpoint Targeted Attack Protection (TAP) API v2 tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export { type ProofpointTapConnectorOptions, proofpointTapConnector } from './generated/connector.js';
/** Use this factory rather than the generated one: it maps the SIEM API's empty 204 answer to an empty event set. */
export { createProofpointTapConnector, emptySiemWindowTransport } from './empty-window.js';
export { operations as proofpointTapOperations } from './generated/operations.js';
export type {
  Click as ProofpointTapClick,
  GetThreatForensicsOutput as ProofpointTapForensics,
  Message as ProofpointTapMessage,
  SiemEvents as ProofpointTapSiemEvents,
} from './generated/schemas.js';
export * as proofpointTapSchemas from './generated/schemas.js';
/** Types of the Proofpoint TAP operations the connector uses (openapi-typescript). */
export type * as ProofpointTapApi from './generated/types.js';
