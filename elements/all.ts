// The package's root entry (`jd-kit`) and the CDN bundle: registers every element (each define.ts
// skips a tag already registered, so this may load beside another copy of the kit) and exports
// the element and event classes.
export * from './session/define.js';
export * from './editor/define.js';
export * from './comments/define.js';
export * from './compliance/define.js';
export * from './concordance/define.js';
export * from './documents/define.js';
export * from './notifications/define.js';
export * from './session/events.js';
export * from './editor/events.js';
export * from './comments/events.js';
export * from './compliance/events.js';
export * from './concordance/events.js';
export * from './documents/events.js';
export * from './notifications/events.js';
