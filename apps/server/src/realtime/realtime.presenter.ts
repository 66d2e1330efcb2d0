import type { TRealtimeEvent, TServerMessage } from '@hearth/shared';
import type { TPositionedEvent } from './realtime.repository.js';

// The realtime wire format of an outbox event (packages/shared/src/realtime.ts).

export function presentEvent(event: TPositionedEvent): TRealtimeEvent {
  return {
    seq: event.seq,
    id: event.id,
    type: event.type,
    timestamp: event.timestamp.toISOString(),
    initiator: event.initiator,
    content: event.content,
  };
}

// The `event` message of each event, serialized and UTF-8 encoded once however many sockets it goes to (a busy
// inbox has hundreds; a string would be encoded again for each).
const eventBytes = new WeakMap<TPositionedEvent, Buffer>();

/** The `{type: 'event'}` message of an event as the bytes of a text frame, the same Buffer for every socket. */
export function eventMessageBytes(event: TPositionedEvent): Buffer {
  let bytes = eventBytes.get(event);
  if (bytes === undefined) {
    const message: TServerMessage = { type: 'event', event: presentEvent(event) };
    bytes = Buffer.from(JSON.stringify(message));
    eventBytes.set(event, bytes);
  }
  return bytes;
}
