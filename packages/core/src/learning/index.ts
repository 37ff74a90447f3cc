export * from './earned-autonomy.js';
export * from './feedback.js';
export * from './feedback-dataset.js';
export * from './precedents.js';
