export * from './event-types.js';
export * from './limits.js';
export * from './realtime.js';
export * from './roles.js';
