import type { TAppContext } from '../../../app-context.js';
import { findTopic, lockTopicsOfOrg, updateTopic } from '../topics.repository.js';
import type { TUpdateTopicBody } from '../topics.schemas.js';
import { assertNameFree, assertValidParent, topicNotFound } from './topic-rules.js';

/** Rename, disable/enable or move a topic. Disabling is Gladly's archive: topics are never deleted. */
export async function updateTopicById(
  ctx: TAppContext,
  orgId: string,
  topicId: string,
  input: TUpdateTopicBody,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockTopicsOfOrg(trx, orgId);
    if (!(await findTopic(trx, orgId, topicId))) throw topicNotFound(topicId);
    if (input.parentId != null) await assertValidParent(trx, orgId, input.parentId, topicId);
    await assertNameFree(trx, orgId, input.name, topicId);
    await updateTopic(trx, orgId, topicId, input, ctx.now());
  });
}
