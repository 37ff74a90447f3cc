export * from './attack-techniques.js';
