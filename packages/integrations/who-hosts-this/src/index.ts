/** @rampart/connector-who-hosts-this: Who Hosts This? API tools. Hand-written: the generator created this file once. */
export {
  createWhoHostsThisConnector,
  type WhoHostsThisConnectorOptions,
  whoHostsThisConnector,
} from './generated/connector.js';
