export * from './audit-event.js';
export * from './audit-leaf.js';
export * from './audit-log.js';
export * from './canonical-json.js';
export * from './merkle.js';
export * from './merkle-frontier.js';
export * from './signed-tree-head.js';
