import { describe, expect, it } from 'vitest';
import { makeCustomer } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { activity, arrangeConversation, insertItem, itemsOfOrg } from './arrange.js';

const t = useTestApp();

// PostgreSQL refuses NUL in text and lone surrogates in jsonb; both must be a 400, never a 500.
const HOSTILE = [
  ['NUL', 'a\u0000b'],
  ['a lone surrogate', 'a\uD800b'],
] as const;

describe('hostile text is refused with 400, never 500', () => {
  // A lone surrogate cannot be percent-encoded, so URLs only carry NUL.
  it('NUL in ids and query values', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const encoded = 'a%00b';
    for (const url of [
      `/api/v1/conversation-items/${encoded}`,
      `/api/v1/conversations/${encoded}/items`,
      `/api/v1/conversations/${conversation.id}/items?sessionId=${encoded}`,
      `/api/v1/conversations/${conversation.id}/notes/${encoded}`,
    ]) {
      const res = await o.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.data).toMatchObject({ errors: [{ code: 'invalid' }] });
    }
    for (const url of [
      `/api/v1/conversation-items/${encoded}/redact`,
      `/api/v1/customers/${encoded}/conversation-items`,
    ]) {
      const res = await o.request({ method: 'POST', url, body: { content: activity() } });
      expect(res.statusCode, url).toBe(400);
    }
    const del = await o.request({
      method: 'DELETE',
      url: `/api/v1/customers/${customer.id}/conversation-items/${encoded}`,
    });
    expect(del.statusCode).toBe(400);
  });

  it.each(HOSTILE)('%s in item, note and reply text', async (_name, text) => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    for (const fields of [
      { title: text },
      { body: text },
      { sourceName: text },
      { link: { url: `https://x.test/${text}` } },
      { link: { url: 'https://x.test', text } },
    ]) {
      const res = await o.request({
        method: 'POST',
        url: `/api/v1/customers/${customer.id}/conversation-items`,
        body: { content: activity(fields) },
      });
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      // NUL may be refused at the edge (no attr) before the content is read; either way it is `invalid`.
      expect(res.data).toMatchObject({ errors: [{ code: 'invalid' }] });
    }
    const byContact = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { id: text, customer: { emailAddress: `${text}@x.test` }, content: activity() },
    });
    expect(byContact.statusCode).toBe(400);

    const { customer: c2, conversation } = await arrangeConversation(t, o, { customerWaiting: true });
    for (const body of [{ body: text }, { content: { body: text } }]) {
      const note = await o.request({ method: 'POST', url: `/api/v1/conversations/${conversation.id}/notes`, body });
      expect(note.statusCode).toBe(400);
    }
    const inbound = await insertItem(t, o.org.id, { customerId: c2.id, conversationId: conversation.id, type: 'SMS' });
    for (const content of [
      { type: 'SMS', body: text },
      { type: text, body: 'x' },
      { type: 'EMAIL', body: 'x', bodyPlain: text },
    ]) {
      const res = await o.request({
        method: 'POST',
        url: `/api/v1/conversation-items/${inbound.id}/reply`,
        body: { content },
      });
      expect(res.statusCode, JSON.stringify(content)).toBe(400);
    }
    expect(await itemsOfOrg(t, o.org.id)).toHaveLength(1);
  });

  it('wrong JSON types are 400 with the attr', async () => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    const { conversation } = await arrangeConversation(t, o);
    const cases: [string, string, unknown][] = [
      ['POST', `/api/v1/customers/${customer.id}/conversation-items`, { content: 'CUSTOMER_ACTIVITY' }],
      ['POST', `/api/v1/customers/${customer.id}/conversation-items`, { content: activity({ title: 5 }) }],
      ['POST', '/api/v1/conversation-items', { customer: 'a@x.test', content: activity() }],
      ['POST', `/api/v1/conversations/${conversation.id}/notes`, { body: ['x'] }],
      ['POST', `/api/v1/conversations/${conversation.id}/notes`, [1, 2]],
      ['POST', '/api/v1/conversation-items/x/reply', { content: 'SMS' }],
    ];
    for (const [method, url, body] of cases) {
      const res = await o.request({ method: method as 'POST', url, body });
      expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.data).toMatchObject({ errors: [{ code: expect.any(String) }] });
    }
  });
});

describe('OpenAPI', () => {
  it('documents every item and note endpoint', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = (res.data as { paths: Record<string, Record<string, unknown>> }).paths;
    expect(Object.keys(paths['/api/v1/conversation-items/{itemId}'] ?? {}).sort()).toEqual(['delete', 'get']);
    for (const [path, method] of [
      ['/api/v1/conversations/{conversationId}/items', 'get'],
      ['/api/v1/conversation-items', 'post'],
      ['/api/v1/customers/{customerId}/conversation-items', 'post'],
      ['/api/v1/customers/{customerId}/conversation-items/{itemId}', 'delete'],
      ['/api/v1/conversation-items/{itemId}/redact', 'post'],
      ['/api/v1/conversation-items/{itemId}/reply', 'post'],
      ['/api/v1/conversations/{conversationId}/notes', 'post'],
      ['/api/v1/conversations/{conversationId}/notes/{noteId}', 'get'],
    ] as const) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
