import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { initiatorOf } from '../../http/request-context.js';
import { presentItem } from '../items/items.presenter.js';
import { createNote } from './commands/create-note.js';
import { findNote } from './notes.repository.js';
import { ZConversationParams, ZCreateNoteBody, ZNote, ZNoteParams } from './notes.schemas.js';

const tags = ['Notes'];

export const notesRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/conversations/:conversationId/notes',
    {
      schema: { tags, summary: 'Add a note to a conversation', params: ZConversationParams, body: ZCreateNoteBody },
    },
    async (request, reply) => {
      const { conversationId } = request.params;
      const sent = request.body;
      const body =
        sent?.body == null && sent?.content != null
          ? { value: sent.content.body, attr: 'content.body' as const }
          : { value: sent?.body, attr: 'body' as const };
      const { noteId } = await createNote(ctx, {
        orgId: request.org.id,
        conversationId,
        initiator: initiatorOf(request.principal),
        body,
      });
      return reply
        .code(201)
        .header('Location', `/api/v1/conversations/${encodeURIComponent(conversationId)}/notes/${noteId}`)
        .send();
    },
  );

  api.get(
    '/conversations/:conversationId/notes/:noteId',
    { schema: { tags, summary: 'Get a note', params: ZNoteParams, response: { 200: ZNote } } },
    async (request) => {
      const { conversationId, noteId } = request.params;
      const note = await findNote(ctx.db, request.org.id, conversationId, noteId);
      if (!note) throw notFound(`note ${noteId} does not exist`);
      return presentItem(note);
    },
  );
};
