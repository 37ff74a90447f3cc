/** @rampart/connector-google-kubernetes-engine: Google Kubernetes Engine API tools. Hand-written: the generator created this file once. */
export {
  createGoogleKubernetesEngineConnector,
  type GoogleKubernetesEngineConnectorOptions,
  googleKubernetesEngineConnector,
} from './generated/connector.js';
