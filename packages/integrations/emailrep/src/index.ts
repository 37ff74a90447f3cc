/**
 * @rampart/connector-emailrep: EmailRep email-address reputation tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. EmailRep answers lookups; it emits no alerts to normalize.
 */
export {
  createEmailrepConnector,
  type EmailrepConnectorOptions,
  emailrepConnector,
} from './generated/connector.js';
export { operations as emailrepOperations } from './generated/operations.js';
export type { LookupEmailOutput as EmailrepReputation } from './generated/schemas.js';
export * as emailrepSchemas from './generated/schemas.js';
/** Types of the EmailRep operations the connector uses (openapi-typescript). */
export type * as EmailrepApi from './generated/types.js';
