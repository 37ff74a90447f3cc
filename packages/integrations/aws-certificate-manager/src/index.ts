/** @rampart/connector-aws-certificate-manager: Amazon Web Services AWS Certificate Manager (ACM) tools. Hand-written: the generator created this file once. */
export {
  createAwsCertificateManagerConnector,
  type AwsCertificateManagerConnectorOptions,
  awsCertificateManagerConnector,
} from './generated/connector.js';
