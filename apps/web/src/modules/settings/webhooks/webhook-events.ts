import { EVENT_TYPES } from '@hearth/shared';

/** Events a webhook can subscribe to (PING is sent on enabling, never subscribed to), grouped by family. */
export const SUBSCRIBABLE_EVENTS: readonly string[] = EVENT_TYPES.filter((type) => type !== 'PING');

export function eventFamily(type: string): string {
  return type.split('/')[0] ?? type;
}

export const EVENT_FAMILIES: readonly string[] = [...new Set(SUBSCRIBABLE_EVENTS.map(eventFamily))];

/** A short summary for the list: "All CONTACT events, CONVERSATION/CLOSED" when a whole family is chosen. */
export function summarizeEvents(events: readonly string[], catalogue: readonly string[] = SUBSCRIBABLE_EVENTS): string {
  if (events.length === 0) return 'No events';
  const chosen = new Set(events);
  const families = [...new Set(catalogue.map(eventFamily))];
  const parts: string[] = [];
  for (const family of families) {
    const members = catalogue.filter((type) => eventFamily(type) === family);
    const picked = members.filter((type) => chosen.has(type));
    if (picked.length === 0) continue;
    if (picked.length === members.length && members.length > 1) parts.push(`all ${family}`);
    else parts.push(...picked);
  }
  const unknown = events.filter((type) => !catalogue.includes(type));
  return [...parts, ...unknown].join(', ');
}
