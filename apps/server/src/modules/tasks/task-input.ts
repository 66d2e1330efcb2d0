import { TEXT_LIMITS } from '@hearth/shared';
import type { TExecutor } from '../../db/database.js';
import { badRequest, invalidState } from '../../http/errors.js';
import { isValidClientId, newId } from '../../lib/ids.js';
import { isBlankRichContent, sanitizeRichContent } from '../../lib/rich-content.js';
import { parseTimestamp } from '../../lib/time.js';
import { findAssignableUser, findInboxForAssignment } from '../inboxes/inboxes.queries.js';
import type { TAssigneeInput } from './tasks.schemas.js';

// Checks shared by creating and editing a task, so both answer the same errors for the same input.

/** The client's id when it gave a usable one (API spec 3.1), else a fresh one. */
export function resolveClientId(id: string | null | undefined): string {
  if (id === null || id === undefined) return newId();
  if (id.length >= TEXT_LIMITS.clientIdExclusiveMax) {
    throw badRequest('too_long', `id must be shorter than ${TEXT_LIMITS.clientIdExclusiveMax} characters`, 'id');
  }
  if (!isValidClientId(id)) throw badRequest('invalid', 'id contains unsupported characters', 'id');
  return id;
}

export function parseDueAt(text: string): Date {
  const dueAt = parseTimestamp(text);
  if (!dueAt) throw badRequest('invalid', 'dueAt must be an RFC 3339 timestamp', 'dueAt');
  return dueAt;
}

export function assertDueInFuture(dueAt: Date, now: Date): void {
  if (dueAt.getTime() <= now.getTime()) throw badRequest('invalid', 'dueAt must be in the future', 'dueAt');
}

/** Task bodies are rich text: markup outside the shared allow-list is stripped; nothing visible left is blank. */
export function sanitizeTaskBody(body: string): string {
  const clean = sanitizeRichContent(body);
  if (isBlankRichContent(clean)) throw badRequest('blank', 'body cannot be blank', 'body');
  return clean;
}

/** An assignee is an existing, enabled inbox and optionally an active member of it. */
export async function validateAssignee(
  db: TExecutor,
  orgId: string,
  assignee: TAssigneeInput,
): Promise<{ inboxId: string; agentId: string | null }> {
  const inbox = await findInboxForAssignment(db, orgId, assignee.inboxId);
  if (!inbox) throw badRequest('invalid', `inbox ${assignee.inboxId} does not exist`, 'assignee.inboxId');
  if (inbox.disabled) throw invalidState('inbox is disabled', 'assignee.inboxId');
  const agentId = assignee.agentId || null;
  if (agentId && !(await findAssignableUser(db, orgId, agentId, inbox.id))?.isMember) {
    throw invalidState('agent does not belong to inbox', 'assignee.agentId');
  }
  return { inboxId: inbox.id, agentId };
}
