export * from './types';
export { RoutingEngine } from './engine';
export type { RoutingEngineOptions, SettablePresence, ContactStateView } from './engine';
export { RoutingError } from './errors';
export type { RoutingErrorCode } from './errors';
export * from './erlang';
