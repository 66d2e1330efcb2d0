import { describe, expect, it } from 'vitest';
import { eventsOf, makeConversation, makeCustomer, makeInbox } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();

describe('DELETE /customer-profiles/{id}', () => {
  async function complianceAdmin(o: TTestOrg) {
    const user = await o.addUser(['AGENT', 'API_USER', 'COMPLIANCE_ADMINISTRATOR']);
    return user.authorization as string;
  }

  it('deletes the profile and everything under it: 204, DELETED event', async () => {
    const o = await createTestOrg(t);
    const auth = await complianceAdmin(o);
    const inbox = await makeInbox(t, o.org.id);
    const c = await makeCustomer(t, o.org.id, { email: 'gone@example.com', mobile: '+16505550099' });
    const conv = await makeConversation(t, o.org.id, { customerId: c.id, inboxId: inbox.id, status: 'CLOSED' });
    const res = await o.request({ method: 'DELETE', url: `/api/v1/customer-profiles/${c.id}`, authorization: auth });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const get = await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${c.id}` });
    expect(get.statusCode).toBe(404);
    const convs = await t.db
      .selectFrom('conversations')
      .select('id')
      .where('org_id', '=', o.org.id)
      .where('id', '=', conv.id)
      .execute();
    expect(convs).toEqual([]);
    const emails = await t.db
      .selectFrom('customer_emails')
      .select('normalized')
      .where('org_id', '=', o.org.id)
      .execute();
    expect(emails).toEqual([]);
    const events = await eventsOf(t, o.org.id, ['CUSTOMER_PROFILE/DELETED']);
    expect(events).toHaveLength(1);
    expect(events[0]?.content).toEqual({ customerId: c.id });
    // The email is free again.
    expect(
      (
        await o.request({
          method: 'POST',
          url: '/api/v1/customer-profiles',
          body: { emails: [{ original: 'gone@example.com' }] },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('403 without the Compliance Administrator role; nothing deleted', async () => {
    const o = await createTestOrg(t);
    const c = await makeCustomer(t, o.org.id);
    const res = await o.request({ method: 'DELETE', url: `/api/v1/customer-profiles/${c.id}` });
    expect(res.statusCode).toBe(403);
    expect(res.data).toMatchObject({ errors: [{ code: 'forbidden' }] });
    expect((await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${c.id}` })).statusCode).toBe(200);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it.each(['OPEN', 'WAITING'] as const)('400 invalid_state while a conversation is %s', async (status) => {
    const o = await createTestOrg(t);
    const auth = await complianceAdmin(o);
    const inbox = await makeInbox(t, o.org.id);
    const c = await makeCustomer(t, o.org.id);
    await makeConversation(t, o.org.id, { customerId: c.id, inboxId: inbox.id, status: 'CLOSED' });
    await makeConversation(t, o.org.id, { customerId: c.id, inboxId: inbox.id, status });
    const res = await o.request({ method: 'DELETE', url: `/api/v1/customer-profiles/${c.id}`, authorization: auth });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [
        {
          attr: 'conversation',
          code: 'invalid_state',
          detail: 'Unable to delete the profile. Please close any open or waiting conversations.',
        },
      ],
    });
    expect((await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${c.id}` })).statusCode).toBe(200);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('404 for an unknown or merged-away id', async () => {
    const o = await createTestOrg(t);
    const auth = await complianceAdmin(o);
    const live = await makeCustomer(t, o.org.id);
    await t.db
      .insertInto('customers')
      .values({ org_id: o.org.id, id: 'tomb', image: null, external_customer_id: null, merged_into_id: live.id })
      .execute();
    for (const id of ['nobody', 'tomb']) {
      const res = await o.request({ method: 'DELETE', url: `/api/v1/customer-profiles/${id}`, authorization: auth });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `customer profile ${id} does not exist` }] });
    }
  });

  it('deleting a merge destination removes the tombstones that pointed at it', async () => {
    const o = await createTestOrg(t);
    const auth = await complianceAdmin(o);
    const live = await makeCustomer(t, o.org.id);
    await t.db
      .insertInto('customers')
      .values({ org_id: o.org.id, id: 'tomb', image: null, external_customer_id: null, merged_into_id: live.id })
      .execute();
    const res = await o.request({ method: 'DELETE', url: `/api/v1/customer-profiles/${live.id}`, authorization: auth });
    expect(res.statusCode).toBe(204);
    expect((await o.request({ method: 'GET', url: '/api/v1/customer-profiles/tomb' })).statusCode).toBe(404);
  });
});
