/** @rampart/connector-aws-cognito-user-pools: Amazon Web Services Amazon Cognito user pools tools. Hand-written: the generator created this file once. */
export {
  createAwsCognitoUserPoolsConnector,
  type AwsCognitoUserPoolsConnectorOptions,
  awsCognitoUserPoolsConnector,
} from './generated/connector.js';
