/**
 * @rampart/connector-alienvault-otx: AlienVault OTX DirectConnect API v1 tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. OTX answers lookups; it emits no alerts to normalize.
 */
export {
  type AlienvaultOtxConnectorOptions,
  alienvaultOtxConnector,
  createAlienvaultOtxConnector,
} from './generated/connector.js';
export { operations as alienvaultOtxOperations } from './generated/operations.js';
export type {
  GetPulseOutput as OtxPulse,
  IndicatorGeneral as OtxIndicatorGeneral,
  ListPulseIndicatorsOutput as OtxPulseIndicatorsPage,
  PulsePage as OtxPulsePage,
} from './generated/schemas.js';
export * as alienvaultOtxSchemas from './generated/schemas.js';
/** Types of the OTX operations the connector uses (openapi-typescript). */
export type * as AlienvaultOtxApi from './generated/types.js';
