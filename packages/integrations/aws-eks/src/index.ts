/** @rampart/connector-aws-eks: Amazon Web Services Amazon Elastic Kubernetes Service (EKS) tools. Hand-written: the generator created this file once. */
export {
  createAwsEksConnector,
  type AwsEksConnectorOptions,
  awsEksConnector,
} from './generated/connector.js';
