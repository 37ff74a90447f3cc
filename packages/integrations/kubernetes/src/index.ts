/** @rampart/connector-kubernetes: Kubernetes API tools. Hand-written: the generator created this file once. */
export {
  createKubernetesConnector,
  type KubernetesConnectorOptions,
  kubernetesConnector,
} from './generated/connector.js';
