import type { TConversationStatus } from '../../../db/schema.js';

/**
 * Status of a conversation that is not closed after its assignee changed (product spec 2.2): a waiting customer
 * needs action (OPEN), and so does a conversation without an agent (the UI's "New", OPEN in the API); an assigned
 * conversation nobody waits on keeps what it was (usually WAITING after a reply).
 */
export function statusAfterAssignment(
  current: Exclude<TConversationStatus, 'CLOSED'>,
  agentId: string | null,
  customerWaiting: boolean,
): Exclude<TConversationStatus, 'CLOSED'> {
  if (customerWaiting || agentId === null) return 'OPEN';
  return current;
}

/**
 * An inbound contact reopens the last closed conversation only inside the org's reopen window (product spec 2.3);
 * the window's end is exclusive, so a window of 0 minutes never reopens.
 */
export function isInsideReopenWindow(closedAt: Date | null, now: Date, windowMinutes: number): boolean {
  if (!closedAt) return false;
  return now.getTime() - closedAt.getTime() < windowMinutes * 60_000;
}
