/**
 * @rampart/connector-mimecast: Mimecast API 2.0 tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Mimecast answers 200 with per-record errors in `fail`: callers check it beside `data`.
 */
export {
  createMimecastConnector,
  type MimecastConnectorOptions,
  mimecastConnector,
} from './generated/connector.js';
export { operations as mimecastOperations } from './generated/operations.js';
export type {
  FindMessagesOutput as MimecastTrackedMessages,
  ListAttachmentSandboxLogsOutput as MimecastAttachmentLogs,
  ListImpersonationLogsOutput as MimecastImpersonationLogs,
  ListUrlClickLogsOutput as MimecastUrlClickLogs,
} from './generated/schemas.js';
export * as mimecastSchemas from './generated/schemas.js';
/** Types of the Mimecast operations the connector uses (openapi-typescript). */
export type * as MimecastApi from './generated/types.js';
