/** @rampart/connector-google-artifact-analysis: Google Artifact Analysis (Container Analysis API) tools. Hand-written: the generator created this file once. */
export {
  createGoogleArtifactAnalysisConnector,
  type GoogleArtifactAnalysisConnectorOptions,
  googleArtifactAnalysisConnector,
} from './generated/connector.js';
