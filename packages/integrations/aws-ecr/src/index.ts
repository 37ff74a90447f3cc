/** @rampart/connector-aws-ecr: Amazon Web Services Amazon Elastic Container Registry (ECR) tools. Hand-written: the generator created this file once. */
export {
  createAwsEcrConnector,
  type AwsEcrConnectorOptions,
  awsEcrConnector,
} from './generated/connector.js';
