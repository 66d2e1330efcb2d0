import type { TAppContext } from '../../../app-context.js';
import { badRequest, conflict } from '../../../http/errors.js';
import { isValidClientId, newId } from '../../../lib/ids.js';
import { findTopic, insertTopic, lockTopicsOfOrg } from '../topics.repository.js';
import type { TCreateTopicBody } from '../topics.schemas.js';
import { assertNameFree, assertValidParent } from './topic-rules.js';

/**
 * Create a topic, with the client's id when given (API spec 4.10). Topic changes have no event in the Gladly
 * catalogue, so none is appended.
 */
export async function createTopic(ctx: TAppContext, orgId: string, input: TCreateTopicBody): Promise<string> {
  const id = input.id ?? newId();
  if (input.id !== undefined && input.id !== null && !isValidClientId(input.id)) {
    throw badRequest('invalid', 'id contains unsupported characters', 'id');
  }
  const parentId = input.parentId ?? null;
  await ctx.db.transaction().execute(async (trx) => {
    await lockTopicsOfOrg(trx, orgId);
    if (parentId !== null) await assertValidParent(trx, orgId, parentId);
    if (await findTopic(trx, orgId, id)) throw conflict('taken', 'the topic with specified id already exists', 'id');
    await assertNameFree(trx, orgId, input.name);
    await insertTopic(trx, { orgId, id, name: input.name, disabled: input.disabled ?? false, parentId, at: ctx.now() });
  });
  return id;
}
