/** @rampart/connector-aws-macie: Amazon Web Services Amazon Macie tools. Hand-written: the generator created this file once. */
export {
  createAwsMacieConnector,
  type AwsMacieConnectorOptions,
  awsMacieConnector,
} from './generated/connector.js';
