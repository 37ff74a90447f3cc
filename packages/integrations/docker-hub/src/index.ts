/** @rampart/connector-docker-hub: Docker Hub API tools. Hand-written: the generator created this file once. */
export {
  createDockerHubConnector,
  type DockerHubConnectorOptions,
  dockerHubConnector,
} from './generated/connector.js';
