import { describe, expect, it } from 'vitest';
import { eventsOf, makeInbox } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { arrangeConversation, conversationRow } from './arrange.js';

const t = useTestApp();

function patch(o: TTestOrg, id: string, body: unknown) {
  return o.request({ method: 'PATCH', url: `/api/v1/conversations/${id}`, body });
}

describe('PATCH /conversations/{id}: refusals change nothing and append no event', () => {
  interface TArranged {
    id: string;
    inboxId: string;
    disabledInboxId: string;
    analystId: string;
  }

  async function arrange(o: TTestOrg): Promise<TArranged> {
    const { inbox, conversation } = await arrangeConversation(t, o);
    const disabled = await makeInbox(t, o.org.id, { disabled: true, memberIds: [o.apiUser.user.id] });
    const analyst = await o.addUser(['ANALYST']);
    await t.db
      .insertInto('inbox_members')
      .values({ org_id: o.org.id, inbox_id: inbox.id, user_id: analyst.user.id })
      .execute();
    return { id: conversation.id, inboxId: inbox.id, disabledInboxId: disabled.id, analystId: analyst.user.id };
  }

  async function expectRefused(
    body: Record<string, unknown> | ((a: TArranged) => unknown),
    expected: Record<string, unknown> | ((a: TArranged) => unknown),
    options: { conversationId?: string; status?: number } = {},
  ) {
    const o = await createTestOrg(t);
    const arranged = await arrange(o);
    const before = await t.db.selectFrom('conversations').selectAll().where('org_id', '=', o.org.id).execute();
    const res = await patch(
      o,
      options.conversationId ?? arranged.id,
      typeof body === 'function' ? body(arranged) : body,
    );
    expect(res.statusCode).toBe(options.status ?? 400);
    expect(res.data).toEqual(typeof expected === 'function' ? expected(arranged) : expected);
    expect(await t.db.selectFrom('conversations').selectAll().where('org_id', '=', o.org.id).execute()).toEqual(before);
    expect(await t.db.selectFrom('conversation_items').selectAll().where('org_id', '=', o.org.id).execute()).toEqual(
      [],
    );
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  }

  it('404 for an unknown conversation', async () => {
    await expectRefused(
      { status: { value: 'CLOSED' } },
      { errors: [{ code: 'not_exist', detail: 'conversation does not exist' }] },
      { conversationId: 'nope', status: 404 },
    );
  });

  it('neither assignee nor status', async () => {
    await expectRefused({}, { errors: [{ code: 'blank', detail: 'one of assignee, status must be present' }] });
  });

  it('assignee.inboxId missing or empty → blank', async () => {
    const expected = {
      errors: [{ attr: 'assignee.inboxId', code: 'blank', detail: 'assignee.inboxId cannot be blank' }],
    };
    await expectRefused({ assignee: { agentId: 'x' } }, expected);
    await expectRefused({ assignee: { inboxId: '' } }, expected);
  });

  it('status.value missing → blank; an unknown value → invalid', async () => {
    await expectRefused(
      { status: { force: true } },
      { errors: [{ attr: 'status.value', code: 'blank', detail: 'status.value cannot be blank' }] },
    );
    await expectRefused(
      { status: { value: 'WAITING' } },
      { errors: [{ attr: 'status.value', code: 'invalid', detail: expect.any(String) }] },
    );
  });

  it('the flat form {status:"CLOSED", force:true} → 400 on status', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o);
    const res = await patch(o, conversation.id, { status: 'CLOSED', force: true });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ attr: 'status', code: 'invalid' }] });
    expect((await conversationRow(t, o.org.id, conversation.id)).status).toBe('OPEN');
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('unknown or disabled inbox → assignee.inboxId invalid', async () => {
    await expectRefused(
      { assignee: { inboxId: 'no-such-inbox' } },
      { errors: [{ attr: 'assignee.inboxId', code: 'invalid', detail: 'inbox no-such-inbox does not exist' }] },
    );
    await expectRefused(
      (a) => ({ assignee: { inboxId: a.disabledInboxId } }),
      (a) => ({
        errors: [{ attr: 'assignee.inboxId', code: 'invalid', detail: `inbox ${a.disabledInboxId} is disabled` }],
      }),
    );
  });

  it('unknown agent → assignee.agentId invalid', async () => {
    await expectRefused((a) => ({ assignee: { inboxId: a.inboxId, agentId: 'ghost' } }), {
      errors: [{ attr: 'assignee.agentId', code: 'invalid', detail: 'agent ghost does not exist' }],
    });
  });

  it('a user without the Agent role is not an agent', async () => {
    await expectRefused(
      (a) => ({ assignee: { inboxId: a.inboxId, agentId: a.analystId } }),
      (a) => ({
        errors: [{ attr: 'assignee.agentId', code: 'invalid', detail: `agent ${a.analystId} does not exist` }],
      }),
    );
  });

  it('agent outside the inbox → assignee.agentId invalid_state "agent does not belong to inbox"', async () => {
    const o = await createTestOrg(t);
    const outsider = await o.addUser(['AGENT']);
    const { inbox, conversation } = await arrangeConversation(t, o);
    const res = await patch(o, conversation.id, { assignee: { inboxId: inbox.id, agentId: outsider.user.id } });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [{ attr: 'assignee.agentId', code: 'invalid_state', detail: 'agent does not belong to inbox' }],
    });
    expect((await conversationRow(t, o.org.id, conversation.id)).agent_id).toBeNull();
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('closed conversation cannot be reassigned', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o, { status: 'CLOSED' });
    const other = await makeInbox(t, o.org.id);
    for (const body of [
      { assignee: { inboxId: other.id } },
      { assignee: { inboxId: other.id }, status: { value: 'CLOSED' } },
    ]) {
      const res = await patch(o, conversation.id, body);
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual({
        errors: [{ code: 'invalid_state', detail: 'closed conversation cannot be reassigned' }],
      });
    }
    expect((await conversationRow(t, o.org.id, conversation.id)).inbox_id).not.toBe(other.id);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('a refused close in a combined request also undoes the reassignment', async () => {
    const o = await createTestOrg(t);
    const { inbox, conversation } = await arrangeConversation(t, o, { customerWaiting: true });
    const res = await patch(o, conversation.id, {
      assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id },
      status: { value: 'CLOSED' },
    });
    expect(res.statusCode).toBe(400);
    expect((await conversationRow(t, o.org.id, conversation.id)).agent_id).toBeNull();
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });
});
