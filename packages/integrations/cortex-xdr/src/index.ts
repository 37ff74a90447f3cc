/**
 * @rampart/connector-cortex-xdr: Palo Alto Networks Cortex XDR tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Cortex XDR needs the API key's ID beside the key: use `createCortexXdrConnectorWithKeyId`, or pass
 * `headers: { 'x-xdr-auth-id': '<id>' }` to `createCortexXdrConnector`.
 */
export {
  type CortexXdrConnectorOptions,
  cortexXdrConnector,
  createCortexXdrConnector,
} from './generated/connector.js';
export { operations as cortexXdrOperations } from './generated/operations.js';
export type {
  Alert as CortexXdrAlert,
  Endpoint as CortexXdrEndpoint,
  GetIncidentOutput as CortexXdrIncidentDetails,
  Incident as CortexXdrIncident,
} from './generated/schemas.js';
export * as cortexXdrSchemas from './generated/schemas.js';
/** Types of the Cortex XDR operations the connector uses (openapi-typescript). */
export type * as CortexXdrApi from './generated/types.js';
export {
  type CortexXdrKeyIdOptions,
  createCortexXdrConnectorWithKeyId,
  InvalidCortexXdrKeyIdError,
  keyIdHeader,
} from './key-id.js';
