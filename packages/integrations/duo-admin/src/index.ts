/**
 * @rampart/connector-duo-admin: Cisco Duo Admin API tools for SOC agents.
 *
 * The operation table is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written public
 * surface. Duo signs every request with the secret key (HMAC over date, method, host, path and parameters), which
 * the kit's auth methods do not do, so `createDuoAdminConnector` here installs the signer: always use it rather than
 * the generated factory.
 */
export { type DuoAdminConnectorOptions, duoAdminConnector } from './generated/connector.js';
export { operations as duoAdminOperations } from './generated/operations.js';
export type {
  AuthLog as DuoAuthLog,
  Phone as DuoPhone,
  User as DuoUser,
} from './generated/schemas.js';
export * as duoAdminSchemas from './generated/schemas.js';
/** Types of the Duo Admin API operations the connector uses (openapi-typescript). */
export type * as DuoAdminApi from './generated/types.js';
export {
  canonicalParameters,
  DuoSigningError,
  type DuoSigningTransportOptions,
  duoDate,
  duoSigningTransport,
  signDuoRequest,
} from './request-signing.js';
export { createDuoAdminConnector } from './signed-connector.js';
