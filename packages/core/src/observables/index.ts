export * from './entity.js';
