import type { TExecutor } from '../../db/database.js';
import { findActiveUserForInbox, findInbox } from './inboxes.repository.js';

// Reads other modules use when they assign work to an inbox and an agent; each maps the answer to its own errors.

/** The inbox, with whether it is disabled; undefined when the org has no such inbox. */
export function findInboxForAssignment(db: TExecutor, orgId: string, inboxId: string) {
  return findInbox(db, orgId, inboxId);
}

/** An active user with whether they are an agent and a member of the inbox; undefined for no active user. */
export function findAssignableUser(db: TExecutor, orgId: string, userId: string, inboxId: string) {
  return findActiveUserForInbox(db, orgId, userId, inboxId);
}
