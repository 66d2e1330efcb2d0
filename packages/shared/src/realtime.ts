// The realtime socket's wire format (GET /api/realtime, a WebSocket authenticated by the session cookie).
// Server → client messages and client → server messages; both are JSON text frames.

/** An outbox event as the socket carries it: the Gladly catalogue shape plus its org-wide sequence number. */
export interface TRealtimeEvent {
  seq: string;
  id: string;
  type: string;
  timestamp: string;
  initiator: { id: string; type: string };
  content: Record<string, unknown>;
}

/** An offer of work to this agent (issue 6): shown as a banner with Accept / Decline and a countdown. */
export interface TRealtimeOffer {
  offerId: string;
  itemKind: 'CONVERSATION' | 'TASK';
  itemId: string;
  customerId: string;
  customerName: string;
  inboxId: string;
  inboxName: string;
  channel: string;
  channelGroup: 'VOICE' | 'MESSAGING' | 'MAIL' | 'TASK';
  offeredAt: string;
  expiresAt: string;
  declinable: boolean;
  preview: string;
  matchReasons: string[];
}

/** Close codes of the realtime socket besides the standard ones (1011 server error, 1013 reader too slow). */
export const REALTIME_CLOSE_SIGNED_OUT = 4401;
export const REALTIME_CLOSE_SILENT = 4408;

export type TServerMessage =
  /** First message after connecting: the newest event sequence the client may resume from. */
  | { type: 'hello'; userId: string; lastSeq: string }
  /** An event that concerns this user (their org's inboxes they belong to, their conversations, what they view). */
  | { type: 'event'; event: TRealtimeEvent }
  /** Several such events in order, as one frame: what the server had for this socket at the same moment. Handle each
   *  exactly as an `event` message. */
  | { type: 'events'; events: TRealtimeEvent[] }
  /** Sent after a `resume` once every missed event was replayed; `complete: false` means too many were missed and
   *  the client should refetch everything it shows. */
  | { type: 'resumed'; lastSeq: string; complete: boolean }
  | { type: 'offer'; offer: TRealtimeOffer }
  /** The offer is no longer pending (accepted, declined, missed, withdrawn). */
  | { type: 'offer_ended'; offerId: string; reason: 'ACCEPTED' | 'DECLINED' | 'MISSED' | 'CANCELED' | 'AUTO_ASSIGNED' }
  /** The agent's own presence changed (another tab, a manager, the idle timer): refetch it. */
  | { type: 'presence'; userId: string }
  | { type: 'pong' };

export type TClientMessage =
  /** Replay every event after this sequence that concerns the user, then continue live. `afterSeq` is the `seq` of
   *  the last event received (not the largest seen) or the `lastSeq` of the last `hello`/`resumed`. Send it right
   *  after the socket opens, without waiting for `hello`, so no live event comes before the replay. */
  | { type: 'resume'; afterSeq: string }
  /** The conversations and customers this tab is looking at, so their events reach it even outside the user's
   *  inboxes. Replaces the previous list. */
  | { type: 'view'; conversationIds: string[]; customerIds: string[] }
  /** Keep-alive and idle tracking: `active` is true when the user moved the mouse or typed since the last ping. */
  | { type: 'ping'; active: boolean };

/** The PostgreSQL NOTIFY channel for messages addressed to one user (offers, presence); payload JSON
 *  `{orgId, userId, message: TServerMessage}`, under PostgreSQL's 8,000-byte NOTIFY limit. */
export const USER_NOTIFY_CHANNEL = 'hearth_user';
