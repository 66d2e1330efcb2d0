// The realtime client: one WebSocket per tab that keeps cached queries fresh, feeds the offer banner, and tells
// the server what the tab is viewing. Protocol rules are in protocol.ts (pure, unit-tested).
export { realtime } from './client';
export { useRealtimeConnection, useRealtimeEvents, useRealtimeStatus, useViewing } from './hooks';
export { keysForEvent } from './invalidation';
export type { TConnectionStatus } from './protocol';
