export * from './loopback-server.js';
export * from './mock-server.js';
export * from './mock-vendor.js';
