import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { CATALOGUE, CATALOGUE_BY_KEY, keyOf } from './endpoint-catalogue.js';
import { implementedOperations, sendValid } from './endpoint-requests.js';
import { diffSnapshots, snapshotOrg } from './snapshot.js';
import { buildWorld } from './world.js';

// The catalogue is what the hostile-input and tenant-isolation suites iterate over; these tests keep it honest:
// every documented operation is in it, and every request it calls valid really is.

const t = useTestApp();
let implemented = new Set<string>();

beforeAll(async () => {
  implemented = await implementedOperations(t);
});

describe('endpoint catalogue', () => {
  it('covers every /api/v1 operation the OpenAPI document lists', () => {
    expect(implemented.size).toBeGreaterThan(0);
    const uncovered = [...implemented].filter((key) => !CATALOGUE_BY_KEY.has(key)).sort();
    expect(uncovered, 'add these endpoints to test/cross-cutting/endpoint-catalogue.ts').toEqual([]);
  });

  it('lists no operation the OpenAPI document does not (so no endpoint silently loses its fuzz and isolation runs)', () => {
    const stale = [...CATALOGUE_BY_KEY.keys()].filter((key) => !implemented.has(key)).sort();
    expect(stale, 'these catalogue entries match no documented operation').toEqual([]);
  });

  it('has no entry twice', () => {
    expect(CATALOGUE_BY_KEY.size).toBe(CATALOGUE.length);
  });

  for (const e of CATALOGUE) {
    const key = keyOf(e);
    it(`the valid request of ${key} succeeds`, async (ctx) => {
      if (!implemented.has(key)) return ctx.skip();
      const w = await buildWorld(t);
      const res = await sendValid(w, e, await e.build(w, t));
      expect(
        e.ok,
        `${key} answered ${res.statusCode} ${res.body.slice(0, 500)}; world fallbacks: ${w.fallbacks.join(' | ')}`,
      ).toContain(res.statusCode);
    });
  }
});

describe('snapshotOrg', () => {
  it('sees a change to any row of the org, and only of the org', async () => {
    const w = await buildWorld(t);
    const other = await buildWorld(t);
    const before = await snapshotOrg(t, w.o.org.id);
    expect(Object.keys(before.tables)).toEqual(expect.arrayContaining(['orgs', 'customers', 'conversation_items']));
    expect(diffSnapshots(before, await snapshotOrg(t, w.o.org.id))).toEqual([]);

    await t.db.updateTable('task_comments').set({ comment: 'edited' }).where('org_id', '=', other.o.org.id).execute();
    expect(diffSnapshots(before, await snapshotOrg(t, w.o.org.id))).toEqual([]);

    await t.db.updateTable('task_comments').set({ comment: 'edited' }).where('org_id', '=', w.o.org.id).execute();
    expect(diffSnapshots(before, await snapshotOrg(t, w.o.org.id))).toEqual(['task_comments (rows 1 -> 1)']);
  });

  it('ignores when a token was last used, but not a new event', async () => {
    const w = await buildWorld(t);
    const before = await snapshotOrg(t, w.o.org.id);
    await t.db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('org_id', '=', w.o.org.id).execute();
    expect(diffSnapshots(before, await snapshotOrg(t, w.o.org.id))).toEqual([]);
    const res = await w.o.request({
      method: 'POST',
      url: `/api/v1/conversations/${w.openConversation.id}/notes`,
      body: { body: 'one more note' },
    });
    expect(res.statusCode).toBe(201);
    const changed = diffSnapshots(before, await snapshotOrg(t, w.o.org.id));
    expect(changed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^conversation_items /),
        expect.stringMatching(/^outbox_events /),
        expect.stringMatching(/^outbox seq /),
      ]),
    );
  });

  it('sees a job enqueued for the org', async () => {
    const w = await buildWorld(t);
    const before = await snapshotOrg(t, w.o.org.id);
    const res = await w.o.request({
      method: 'POST',
      url: `/api/v1/conversation-items/${w.smsItem.id}/reply`,
      body: { content: { type: 'SMS', body: 'On our way' } },
    });
    expect(res.statusCode).toBe(201);
    const after = await snapshotOrg(t, w.o.org.id);
    expect(after.jobs).toBe(before.jobs + 1);
    expect(diffSnapshots(before, after)).toContain(`jobs ${before.jobs} -> ${before.jobs + 1}`);
  });
});
