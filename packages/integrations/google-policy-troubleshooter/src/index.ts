/** @rampart/connector-google-policy-troubleshooter: Google Cloud Policy Troubleshooter API tools. Hand-written: the generator created this file once. */
export {
  createGooglePolicyTroubleshooterConnector,
  type GooglePolicyTroubleshooterConnectorOptions,
  googlePolicyTroubleshooterConnector,
} from './generated/connector.js';
