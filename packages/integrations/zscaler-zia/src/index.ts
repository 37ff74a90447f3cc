/**
 * @rampart/connector-zscaler-zia: Zscaler Internet Access (ZIA) tools for SOC agents, through Zscaler OneAPI.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. With ZIdentity client credentials, pass the vanity domain as
 * `credentials.tokenUrlVariables.vanityDomain`. ZIA applies configuration changes (the denylist) only after
 * `activateChanges`.
 */
export {
  createZscalerZiaConnector,
  type ZscalerZiaConnectorOptions,
  zscalerZiaConnector,
} from './generated/connector.js';
export { operations as zscalerZiaOperations } from './generated/operations.js';
export type {
  GetSandboxReportOutput as ZiaSandboxReport,
  GetUrlDenylistOutput as ZiaUrlDenylist,
  LookupUrlCategoriesOutput as ZiaUrlClassifications,
  SearchUsersOutput as ZiaUsers,
} from './generated/schemas.js';
export * as zscalerZiaSchemas from './generated/schemas.js';
/** Types of the ZIA operations the connector uses (openapi-typescript). */
export type * as ZscalerZiaApi from './generated/types.js';
