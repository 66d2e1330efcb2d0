import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { initiatorOf } from '../../http/request-context.js';
import { createNote } from '../notes/commands/create-note.js';
import { ZComposerParams } from './desktop.schemas.js';
import {
  checkAttachmentIds,
  DRAFT_ATTACHMENT_MAX_BYTES,
  linkDraftAttachments,
  tooLarge,
  uploadDraftAttachment,
} from './draft-attachments.js';

const ZDraftAttachment = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number() });
const ZDesktopNoteBody = z.object({
  body: z.string().max(25_000),
  attachmentIds: z.array(z.string().min(1).max(100)).max(10).optional(),
});

/**
 * Composer attachments (issue 4). Upload: `POST /attachments` with the file's bytes as the raw body, its type as
 * `Content-Type` and its name in `X-Filename` (percent-encoded). No multipart: @fastify/multipart is not installed,
 * and one file per request with the bytes as the body needs no parser beyond a Buffer. Notes with files:
 * `POST /conversations/:conversationId/notes {body, attachmentIds}` (the public notes API takes no files).
 */
export const draftAttachmentRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // The upload sits in a context of its own: every type, JSON and text included, arrives as bytes (the allow-list is
  // the command's, 415), and a body over the limit is a 413 in the API's error shape.
  await app.register(async (upload) => {
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: DRAFT_ATTACHMENT_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    upload.setErrorHandler((error) => {
      throw (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? tooLarge() : error;
    });
    upload
      .withTypeProvider<ZodTypeProvider>()
      .post('/attachments', { schema: { response: { 201: ZDraftAttachment } } }, async (request, reply) => {
        const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = request.headers['x-filename'];
        const draft = await uploadDraftAttachment(ctx, {
          orgId: request.org.id,
          userId: request.principal.userId,
          filename: Array.isArray(header) ? header[0] : header,
          contentType: request.headers['content-type'],
          content,
        });
        return reply.code(201).send(draft);
      });
  });

  api.post(
    '/conversations/:conversationId/notes',
    {
      schema: { params: ZComposerParams, body: ZDesktopNoteBody, response: { 201: z.object({ noteId: z.string() }) } },
    },
    async (request, reply) => {
      const orgId = request.org.id;
      const userId = request.principal.userId;
      const ids = checkAttachmentIds(request.body.attachmentIds);
      const result = await createNote(ctx, {
        orgId,
        conversationId: request.params.conversationId,
        initiator: initiatorOf(request.principal),
        body: { value: request.body.body, attr: 'body' },
        inTransaction: ids.length
          ? async (trx, noteId) => {
              await linkDraftAttachments(trx, { orgId, userId, itemId: noteId, ids, now: ctx.now() });
            }
          : undefined,
      });
      return reply.code(201).send(result);
    },
  );
};
