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

// The `event` message of each event, built once however many sockets it goes to (a busy inbox has hundreds).
const eventTexts = new WeakMap<TPositionedEvent, string>();

/** The serialized `{type: 'event'}` message of an event, the same string for every socket. */
export function eventMessageText(event: TPositionedEvent): string {
  let text = eventTexts.get(event);
  if (text === undefined) {
    const message: TServerMessage = { type: 'event', event: presentEvent(event) };
    text = JSON.stringify(message);
    eventTexts.set(event, text);
  }
  return text;
}
