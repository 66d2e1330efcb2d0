import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { forbidden, notFound } from '../../http/errors.js';
import { getItemAttachment, loadAttachmentFile } from './attachments.queries.js';
import { ZDownloadParams, ZDownloadQuery, ZItemAttachmentParams } from './attachments.schemas.js';
import { isValidDownloadSignature, signedDownloadPath } from './download-signing.js';

const tags = ['Conversation items'];

export const attachmentsRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/conversation-items/:itemId/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Redirect (303) to a short-lived download URL of an attachment',
        params: ZItemAttachmentParams,
      },
    },
    async (request, reply) => {
      const { itemId, attachmentId } = request.params;
      const attachment = await getItemAttachment(ctx.db, request.org.id, itemId, attachmentId);
      return reply
        .code(303)
        .header('Location', signedDownloadPath(ctx, request.org.id, attachment.id))
        .send();
    },
  );

  // Hearth's extension: the file itself, with the API credentials (the file URLs of CUSTOM_CHANNEL/MESSAGE_SENT).
  api.get(
    '/conversation-items/:itemId/attachments/:attachmentId/content',
    { schema: { tags, summary: 'Download an attachment (Basic auth)', params: ZItemAttachmentParams } },
    async (request, reply) => {
      const { itemId, attachmentId } = request.params;
      await getItemAttachment(ctx.db, request.org.id, itemId, attachmentId);
      return sendFile(reply, await loadAttachmentFile(ctx.db, request.org.id, attachmentId));
    },
  );

  // Where the 303 points: the signature is the credential, so this route takes no API headers. A capability URL,
  // not an operation of the API contract: kept out of the OpenAPI document.
  api.get(
    '/attachment-downloads/:orgId/:attachmentId',
    {
      config: { public: true },
      schema: {
        hide: true,
        params: ZDownloadParams,
        querystring: ZDownloadQuery,
      },
    },
    async (request, reply) => {
      const { orgId, attachmentId } = request.params;
      const valid = isValidDownloadSignature(
        ctx,
        orgId,
        attachmentId,
        Number(request.query.expires),
        request.query.sig ?? '',
      );
      if (!valid) throw forbidden('the download link is invalid or has expired');
      return sendFile(reply, await loadAttachmentFile(ctx.db, orgId, attachmentId));
    },
  );
};

function sendFile(reply: FastifyReply, file: Awaited<ReturnType<typeof loadAttachmentFile>>) {
  if (!file) throw notFound('attachment does not exist');
  const asciiName = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .code(200)
    .header('Content-Type', file.contentType)
    .header('Content-Length', String(file.content.length))
    .header('X-Content-Type-Options', 'nosniff')
    .header(
      'Content-Disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .send(file.content);
}
