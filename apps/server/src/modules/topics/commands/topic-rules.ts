import type { TExecutor } from '../../../db/database.js';
import { badRequest, conflict, notFound } from '../../../http/errors.js';
import { findTopicByName, listSelfAndAncestorIds } from '../topics.repository.js';

export function topicNotFound(topicId: string) {
  return notFound(`conversation topic ${topicId} does not exist`);
}

/** Names are unique case-insensitively (product spec 7.1); the 409 names the holder so clients can adopt it. */
export async function assertNameFree(db: TExecutor, orgId: string, name: string, exceptTopicId?: string) {
  const holder = await findTopicByName(db, orgId, name);
  if (holder && holder.id !== exceptTopicId) {
    throw conflict('taken', 'another topic already has this name', 'name', { id: holder.id });
  }
}

/** A parent must exist, and (when moving `topicId`) must not be the topic itself or one of its descendants. */
export async function assertValidParent(db: TExecutor, orgId: string, parentId: string, topicId?: string) {
  const chain = await listSelfAndAncestorIds(db, orgId, parentId);
  if (chain.length === 0) throw badRequest('invalid', `parent topic ${parentId} does not exist`, 'parentId');
  if (topicId !== undefined && chain.includes(topicId)) {
    throw badRequest('invalid', 'a topic cannot be its own ancestor', 'parentId');
  }
}
