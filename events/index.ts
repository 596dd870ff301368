export * from './money.js';
export * from './identifiers.js';
export * from './envelope.js';
export * from './registry-events.js';
export * from './case-events.js';
export * from './year-events.js';
export * from './catalogue.js';
