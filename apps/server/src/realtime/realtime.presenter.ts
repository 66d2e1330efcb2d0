import type { TRealtimeEvent } from '@hearth/shared';
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

// Each event is serialized and UTF-8 encoded once however many sockets it goes to (a busy inbox has hundreds; a
// string would be encoded again for each): its JSON, and its `event` message.
const eventJson = new WeakMap<TPositionedEvent, Buffer>();
const eventMessage = new WeakMap<TPositionedEvent, Buffer>();

function eventJsonBytes(event: TPositionedEvent): Buffer {
  let bytes = eventJson.get(event);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(presentEvent(event)));
    eventJson.set(event, bytes);
  }
  return bytes;
}

const EVENT_OPEN = Buffer.from('{"type":"event","event":');
const EVENTS_OPEN = Buffer.from('{"type":"events","events":[');
const COMMA = Buffer.from(',');
const EVENT_CLOSE = Buffer.from('}');
const EVENTS_CLOSE = Buffer.from(']}');

/** The `{type: 'event'}` message of an event as the bytes of a text frame, the same Buffer for every socket. */
export function eventMessageBytes(event: TPositionedEvent): Buffer {
  let bytes = eventMessage.get(event);
  if (bytes === undefined) {
    bytes = Buffer.concat([EVENT_OPEN, eventJsonBytes(event), EVENT_CLOSE]);
    eventMessage.set(event, bytes);
  }
  return bytes;
}

/** The `{type: 'events'}` message of several events, in the order given, built from their encoded JSON. */
export function eventsMessageBytes(events: readonly TPositionedEvent[]): Buffer {
  const parts: Buffer[] = [EVENTS_OPEN];
  events.forEach((event, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(eventJsonBytes(event));
  });
  parts.push(EVENTS_CLOSE);
  return Buffer.concat(parts);
}
