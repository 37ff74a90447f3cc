/**
 * @rampart/connector-greynoise: GreyNoise API v3 tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. GreyNoise answers lookups; it emits no alerts to normalize.
 */
export {
  createGreynoiseConnector,
  type GreynoiseConnectorOptions,
  greynoiseConnector,
} from './generated/connector.js';
export { operations as greynoiseOperations } from './generated/operations.js';
export type {
  GetGnqlStatsOutput as GreynoiseGnqlStats,
  IpRecord as GreynoiseIpRecord,
  LookupIpCommunityOutput as GreynoiseCommunityRecord,
  SearchGnqlOutput as GreynoiseGnqlPage,
} from './generated/schemas.js';
export * as greynoiseSchemas from './generated/schemas.js';
/** Types of the GreyNoise operations the connector uses (openapi-typescript). */
export type * as GreynoiseApi from './generated/types.js';
