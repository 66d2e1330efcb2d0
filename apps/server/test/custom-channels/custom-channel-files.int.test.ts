import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { fetchMessageFiles } from '../../src/modules/custom-channels/custom-channel-files.js';
import { eventsOf } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { makeCustomChannel, startFileServer } from './custom-channel-factory.js';
import type { TFileServer } from './file-server.js';

const t = useTestApp({ HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true', HEARTH_CUSTOM_CHANNEL_MAX_FILE_BYTES: '1000' });

let files: TFileServer;
beforeAll(async () => {
  files = await startFileServer();
});
afterAll(async () => files.close());

function sendFiles(o: TTestOrg, channelId: string, content: unknown) {
  return o.request({
    method: 'POST',
    url: `/api/v1/communications/custom-channels/${channelId}/messages`,
    body: { sender: { address: 'u1' }, to: 'support@acme-chat', type: 'FILES', content },
  });
}

type TItem = {
  id: string;
  content: { attachments: { id: string; contentType: string; filename: string; fileSize: number }[] };
};

describe('FILES messages', () => {
  it('fetches each file, stores it as an attachment and lists it in the item content', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id);
    const res = await sendFiles(o, channel.id, {
      caption: 'My receipt',
      files: [{ fileName: 'receipt.png', url: files.url('/photo.png') }, { url: files.url('/notes.txt') }],
    });
    expect(res.statusCode).toBe(201);
    const item = (await o.request({ method: 'GET', url: res.headers.location as string })).data as TItem;
    expect(item.content).toMatchObject({
      type: 'CUSTOM_CHANNEL',
      messageType: 'FILES',
      content: {
        caption: 'My receipt',
        files: [{ fileName: 'receipt.png', url: files.url('/photo.png') }, { url: files.url('/notes.txt') }],
      },
      attachments: [
        { id: expect.any(String), contentType: 'image/png', filename: 'receipt.png', fileSize: 7 },
        { id: expect.any(String), contentType: 'text/plain', filename: 'notes.txt', fileSize: 10 },
      ],
    });
    const stored = await t.db
      .selectFrom('attachments')
      .selectAll()
      .where('org_id', '=', o.org.id)
      .orderBy('filename')
      .execute();
    expect(stored.map((a) => [a.item_id, a.filename, Number(a.size_bytes)])).toEqual([
      [item.id, 'notes.txt', 10],
      [item.id, 'receipt.png', 7],
    ]);
  });

  it('GET …/attachments/{id} answers 303 to a signed link that serves the file; the link expires', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id);
    const res = await sendFiles(o, channel.id, { files: [{ fileName: 'ré sumé.png', url: files.url('/photo.png') }] });
    const item = (await o.request({ method: 'GET', url: res.headers.location as string })).data as TItem;
    const attachment = item.content.attachments[0] as { id: string };
    const redirect = await o.request({
      method: 'GET',
      url: `/api/v1/conversation-items/${item.id}/attachments/${attachment.id}`,
    });
    expect(redirect.statusCode).toBe(303);
    const location = redirect.headers.location as string;
    expect(location).toMatch(
      new RegExp(`^/api/v1/attachment-downloads/${o.org.id}/${attachment.id}\\?expires=\\d+&sig=[\\w-]+$`),
    );

    // The link is the credential: no Authorization header.
    const download = await o.request({ method: 'GET', url: location, authorization: null });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="r_ sum_.png"; filename*=UTF-8''r%C3%A9%20sum%C3%A9.png`,
    );
    expect(download.rawPayload).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));

    const forged = location.replace(/sig=[\w-]+/, 'sig=AAAA');
    const refused = await o.request({ method: 'GET', url: forged, authorization: null });
    expect(refused.statusCode).toBe(403);
    expect(refused.data).toEqual({
      errors: [{ code: 'forbidden', detail: 'the download link is invalid or has expired' }],
    });
    const otherFile = location.replace(attachment.id, 'someotherid');
    expect((await o.request({ method: 'GET', url: otherFile, authorization: null })).statusCode).toBe(403);

    t.clock.advance(10 * 60 * 1000);
    try {
      expect((await o.request({ method: 'GET', url: location, authorization: null })).statusCode).toBe(403);
    } finally {
      t.clock.reset();
    }
  });

  it('serves the file with Basic auth at …/content (the URLs of CUSTOM_CHANNEL/MESSAGE_SENT)', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id);
    const res = await sendFiles(o, channel.id, { files: [{ url: files.url('/notes.txt') }] });
    const item = (await o.request({ method: 'GET', url: res.headers.location as string })).data as TItem;
    const url = `/api/v1/conversation-items/${item.id}/attachments/${item.content.attachments[0]?.id}/content`;
    const ok = await o.request({ method: 'GET', url });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('hello file');
    expect(ok.headers['content-type']).toBe('text/plain');
    expect((await o.request({ method: 'GET', url, authorization: null })).statusCode).toBe(401);
  });

  it('attachment errors: 404 unknown item, 400 item without attachments, 404 unknown or foreign attachment', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id);
    const withFile = await sendFiles(o, channel.id, { files: [{ url: files.url('/notes.txt') }] });
    const fileItem = (await o.request({ method: 'GET', url: withFile.headers.location as string })).data as TItem;
    const textRes = await o.request({
      method: 'POST',
      url: `/api/v1/communications/custom-channels/${channel.id}/messages`,
      body: { sender: { address: 'u1' }, to: 'support@acme-chat', type: 'TEXT', content: { text: 'hi' } },
    });
    const textItemId = (textRes.headers.location as string).split('/').pop();
    const attachmentId = fileItem.content.attachments[0]?.id;

    const unknownItem = await o.request({ method: 'GET', url: `/api/v1/conversation-items/nope/attachments/x` });
    expect(unknownItem.statusCode).toBe(404);
    expect(unknownItem.data).toEqual({
      errors: [{ code: 'not_exist', detail: 'conversation item nope does not exist' }],
    });
    const noAttachments = await o.request({
      method: 'GET',
      url: `/api/v1/conversation-items/${textItemId}/attachments/${attachmentId}`,
    });
    expect(noAttachments.statusCode).toBe(400);
    expect(noAttachments.data).toEqual({
      errors: [{ code: 'invalid', detail: 'conversation item content does not contain attachments' }],
    });
    const unknownAttachment = await o.request({
      method: 'GET',
      url: `/api/v1/conversation-items/${fileItem.id}/attachments/nope`,
    });
    expect(unknownAttachment.statusCode).toBe(404);
    expect(unknownAttachment.data).toEqual({
      errors: [{ code: 'not_exist', detail: 'attachment nope does not exist' }],
    });

    const other = await createTestOrg(t);
    const foreign = await other.request({
      method: 'GET',
      url: `/api/v1/conversation-items/${fileItem.id}/attachments/${attachmentId}`,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('a file that cannot be fetched or is not accepted refuses the whole message; nothing is stored', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id);
    const cases: [string, string][] = [
      ['/missing', 'content.files.1.url: the file could not be fetched (the server answered 404)'],
      ['/page.html', 'content.files.1.url: files of type [text/html] are not accepted'],
      ['/big.bin', 'content.files.1.url: the file could not be fetched (the file is larger than 1000 bytes)'],
    ];
    for (const [path, detail] of cases) {
      const res = await sendFiles(o, channel.id, {
        files: [{ url: files.url('/photo.png') }, { url: files.url(path) }],
      });
      expect(res.statusCode, path).toBe(400);
      expect(res.data).toEqual({ errors: [{ attr: 'content.files.1.url', code: 'invalid', detail }] });
    }
    expect(await t.db.selectFrom('attachments').select('id').where('org_id', '=', o.org.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('conversation_items').select('id').where('org_id', '=', o.org.id).execute()).toEqual(
      [],
    );
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('follows redirects to an accepted file', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id);
    const res = await sendFiles(o, channel.id, { files: [{ url: files.url('/redirect') }] });
    expect(res.statusCode).toBe(201);
    const item = (await o.request({ method: 'GET', url: res.headers.location as string })).data as TItem;
    expect(item.content.attachments[0]).toMatchObject({ contentType: 'image/png', filename: 'redirect' });
  });
});

describe('file URL guard (no SSRF)', () => {
  it('refuses loopback and private targets unless insecure mode allows loopback', async () => {
    const server = await startFileServer();
    try {
      const strict = loadEnv({ HEARTH_CUSTOM_CHANNEL_MAX_FILE_BYTES: '1000' });
      for (const url of [
        server.url('/photo.png'),
        'http://10.0.0.1/a.png',
        'http://[::1]/a.png',
        'http://169.254.169.254/latest',
      ]) {
        await expect(fetchMessageFiles(strict, [{ url }])).rejects.toMatchObject({
          status: 400,
          errors: [{ attr: 'content.files.0.url', code: 'invalid', detail: expect.stringMatching(/address/) }],
        });
      }
      // A name that resolves to loopback is refused the same way (the check runs on the resolved address).
      await expect(
        fetchMessageFiles(strict, [{ url: server.url('/photo.png').replace('127.0.0.1', 'localhost') }]),
      ).rejects.toMatchObject({ status: 400 });
      expect(server.hits).toEqual([]);

      const insecure = loadEnv({ HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true' });
      const fetched = await fetchMessageFiles(insecure, [{ url: server.url('/photo.png') }]);
      expect(fetched).toEqual([{ filename: 'photo.png', contentType: 'image/png', content: expect.any(Buffer) }]);
    } finally {
      await server.close();
    }
  });
});
