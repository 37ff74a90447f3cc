/** @rampart/connector-azure-policy-insights: Microsoft Azure Policy compliance (Policy Insights) tools. Hand-written: the generator created this file once. */
export {
  createAzurePolicyInsightsConnector,
  type AzurePolicyInsightsConnectorOptions,
  azurePolicyInsightsConnector,
} from './generated/connector.js';
