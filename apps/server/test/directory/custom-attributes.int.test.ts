import { describe, expect, it } from 'vitest';
import { createTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();

describe('GET /api/v1/custom-attributes/{customAttributeId}', () => {
  it('answers the definition field by field', async () => {
    const o = await createTestOrg(t);
    const createdAt = new Date('2024-03-04T05:06:07.089Z');
    await t.db
      .insertInto('custom_attribute_definitions')
      .values({
        org_id: o.org.id,
        id: 'ca-order',
        key: 'ORDER_ID',
        label: 'Order number',
        deactivated: true,
        created_by: o.apiUser.user.id,
        created_at: createdAt,
      })
      .execute();
    const res = await o.request({ method: 'GET', url: '/api/v1/custom-attributes/ca-order' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      id: 'ca-order',
      key: 'ORDER_ID',
      label: 'Order number',
      deactivated: true,
      createdAt: '2024-03-04T05:06:07.089Z',
      createdBy: o.apiUser.user.id,
    });
  });

  it('404 not_exist with the id, also for another org’s definition', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    await t.db
      .insertInto('custom_attribute_definitions')
      .values({ org_id: other.org.id, id: 'theirs', key: 'K', label: 'L', created_by: other.apiUser.user.id })
      .execute();
    for (const id of ['missing-one', 'theirs']) {
      const res = await o.request({ method: 'GET', url: `/api/v1/custom-attributes/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `custom attribute ${id} does not exist` }] });
    }
  });
});
