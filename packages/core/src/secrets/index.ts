export * from './connector-secrets.js';
export * from './environment-secrets-provider.js';
export * from './file-secrets-provider.js';
export * from './secret-value.js';
export * from './secrets-errors.js';
export * from './secrets-provider.js';
