export * from './capabilities.js';
export * from './define-tool.js';
export * from './exporters-anthropic.js';
export * from './exporters-mcp.js';
export * from './exporters-openai.js';
export * from './exporters.js';
export * from './risk.js';
