import { badRequest } from '../../http/errors.js';
import { parseTimestamp } from '../../lib/time.js';

/** The Events API serves the last day; older events stay in the outbox for webhooks and exports (API spec 4.16). */
export const EVENTS_WINDOW_MS = 24 * 3600_000;

/**
 * Events become visible this long after their timestamp. An event's timestamp is taken before its transaction
 * commits, so a client that advances its cursor to the newest timestamp it saw (estuary does, +1 ms) would skip an
 * event of a slower transaction that commits later with an earlier timestamp. Gladly too serves "up to ~15 s
 * behind real time".
 */
export const EVENTS_SETTLE_MS = 5_000;

/**
 * Each `entities` value and the event type prefixes it selects. Gladly lists no entity for
 * CONVERSATION_ASSIGNEE/* and CONVERSATION_STATUS/*, yet sends them as conversation events; a client asking for
 * CONVERSATION gets them, since no other value could ever return them. CUSTOMER is CUSTOMER/* only: profile
 * events have their own entity.
 */
export const EVENT_ENTITIES: Record<string, readonly string[]> = {
  AGENT_AVAILABILITY: ['AGENT_AVAILABILITY'],
  AGENT_STATUS: ['AGENT_STATUS'],
  CONTACT: ['CONTACT'],
  CONVERSATION: ['CONVERSATION', 'CONVERSATION_ASSIGNEE', 'CONVERSATION_STATUS'],
  CUSTOMER: ['CUSTOMER'],
  CUSTOMER_PROFILE: ['CUSTOMER_PROFILE'],
  PAYMENT_REQUEST: ['PAYMENT_REQUEST'],
  TASK: ['TASK'],
};

export interface TEventsQuery {
  startAt: Date;
  /** Exclusive; already capped at now minus the settle delay. */
  endAt: Date;
  /** Event type prefixes (the part before `/`) to return. */
  typePrefixes: string[];
}

/** Validate `GET /events` parameters the way Gladly answers them: startAt first, then endAt, then entities. */
export function parseEventsQuery(
  raw: { startAt: string; endAt?: string; entities?: string | string[] },
  now: Date,
): TEventsQuery {
  const startAt = parseTimestamp(raw.startAt);
  if (!startAt) throw badRequest('invalid', 'startAt must be an RFC 3339 timestamp', 'startAt');
  let endAt = now;
  if (raw.endAt !== undefined) {
    const parsed = parseTimestamp(raw.endAt);
    if (!parsed) throw badRequest('invalid', 'endAt must be an RFC 3339 timestamp', 'endAt');
    endAt = parsed;
  }
  const entities = [raw.entities ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toUpperCase())
    .filter(Boolean);
  if (!entities.length) throw badRequest('blank', 'entities cannot be blank', 'entities');
  const unknown = entities.find((entity) => !Object.hasOwn(EVENT_ENTITIES, entity));
  if (unknown !== undefined) {
    throw badRequest(
      'invalid',
      `unknown entity [${unknown.slice(0, 100)}]; expected one of ${Object.keys(EVENT_ENTITIES).join(', ')}`,
      'entities',
    );
  }
  if (startAt.getTime() < now.getTime() - EVENTS_WINDOW_MS || startAt.getTime() > now.getTime()) {
    throw badRequest('invalid', 'startAt must be within the last 24 hours', 'startAt');
  }
  if (endAt.getTime() <= startAt.getTime()) {
    throw badRequest('invalid', 'endAt must occur after startAt', 'startAt');
  }
  const visibleUntil = now.getTime() - EVENTS_SETTLE_MS;
  return {
    startAt,
    endAt: new Date(Math.min(endAt.getTime(), visibleUntil)),
    typePrefixes: [...new Set(entities.flatMap((entity) => EVENT_ENTITIES[entity] ?? []))],
  };
}
