/** @rampart/connector-aws-waf: Amazon Web Services AWS WAF tools. Hand-written: the generator created this file once. */
export {
  createAwsWafConnector,
  type AwsWafConnectorOptions,
  awsWafConnector,
} from './generated/connector.js';
