export * from './connector-contract.js';
export * from './loopback-server.js';
export * from './mock-server.js';
export * from './mock-vendor.js';
