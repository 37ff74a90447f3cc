export { parseAddressList } from './address-list.js';
export { parseAuthenticationResults } from './authentication-results.js';
export { EmailParseError, type EmailParseErrorCode } from './email-parse-error.js';
export { maxEmailBytes, parseEmail } from './parse-email.js';
export * from './parsed-email.js';
export { parseReceived } from './received-chain.js';
