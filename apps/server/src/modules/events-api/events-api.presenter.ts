import type { TInitiator } from '@hearth/shared';
import { toIso } from '../../lib/time.js';

/** The event envelope webhooks and the Events API share (API spec 4.15): exactly these five keys. */
export function presentEvent(event: {
  id: string;
  type: string;
  occurred_at: Date;
  initiator: { id: string; type: string };
  content: Record<string, unknown>;
}) {
  return {
    id: event.id,
    type: event.type,
    timestamp: toIso(event.occurred_at),
    initiator: event.initiator as TInitiator,
    content: event.content,
  };
}

/** One JSON Lines chunk: a line per event, each ending in a newline. */
export function presentEventLines(events: Parameters<typeof presentEvent>[0][]): string {
  let text = '';
  for (const event of events) text += `${JSON.stringify(presentEvent(event))}\n`;
  return text;
}
