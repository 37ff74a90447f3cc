/** @rampart/connector-google-recaptcha-enterprise: Google Cloud reCAPTCHA Enterprise API tools. Hand-written: the generator created this file once. */
export {
  createGoogleRecaptchaEnterpriseConnector,
  type GoogleRecaptchaEnterpriseConnectorOptions,
  googleRecaptchaEnterpriseConnector,
} from './generated/connector.js';
