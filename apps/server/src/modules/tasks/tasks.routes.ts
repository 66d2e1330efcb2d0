import { LIST_CAPS } from '@hearth/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { setLimitedDataHeader } from '../../http/limited-data.js';
import { initiatorOf } from '../../http/request-context.js';
import { addTaskComment } from './commands/add-task-comment.js';
import { createTask, customerNotFound } from './commands/create-task.js';
import { taskNotFound, updateTask } from './commands/update-task.js';
import { presentTask, presentTaskComment } from './tasks.presenter.js';
import { customerExists, findTask, findTaskComment, listCustomerTasks, listTaskComments } from './tasks.repository.js';
import {
  ZCustomerParams,
  ZCustomerTaskCreate,
  ZTask,
  ZTaskComment,
  ZTaskCommentCreate,
  ZTaskCommentParams,
  ZTaskCreate,
  ZTaskListQuery,
  ZTaskParams,
  ZTaskUpdate,
} from './tasks.schemas.js';

const tags = ['Tasks'];

export const tasksRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/tasks',
    {
      schema: {
        tags,
        summary: 'Create a task for a customer found (or created) by email or mobile',
        body: ZTaskCreate,
      },
    },
    async (request, reply) => {
      const { customer, ...input } = request.body;
      const task = await createTask(ctx, request.org.id, initiatorOf(request.principal), { customer }, input);
      return reply.code(201).header('Location', `/api/v1/tasks/${task.id}`).send();
    },
  );

  api.post(
    '/customers/:customerId/tasks',
    {
      schema: {
        tags,
        summary: 'Create a task for a customer',
        params: ZCustomerParams,
        body: ZCustomerTaskCreate,
      },
    },
    async (request, reply) => {
      const owner = { customerId: request.params.customerId };
      const task = await createTask(ctx, request.org.id, initiatorOf(request.principal), owner, request.body);
      return reply.code(201).header('Location', `/api/v1/tasks/${task.id}`).send();
    },
  );

  api.get(
    '/customers/:customerId/tasks',
    {
      schema: {
        tags,
        summary: `List a customer's tasks, newest first (at most ${LIST_CAPS.customerTasks})`,
        params: ZCustomerParams,
        querystring: ZTaskListQuery,
        response: { 200: z.array(ZTask) },
      },
    },
    async (request, reply) => {
      const { customerId } = request.params;
      if (!(await customerExists(ctx.db, request.org.id, customerId))) throw customerNotFound(customerId);
      const rows = await listCustomerTasks(ctx.db, request.org.id, customerId, {
        status: request.query.status,
        limit: LIST_CAPS.customerTasks + 1,
      });
      setLimitedDataHeader(reply, rows.length > LIST_CAPS.customerTasks);
      return rows.slice(0, LIST_CAPS.customerTasks).map(presentTask);
    },
  );

  api.get(
    '/tasks/:taskId',
    { schema: { tags, summary: 'Get a task', params: ZTaskParams, response: { 200: ZTask } } },
    async (request) => {
      const task = await findTask(ctx.db, request.org.id, request.params.taskId);
      if (!task) throw taskNotFound(request.params.taskId);
      return presentTask(task);
    },
  );

  api.patch(
    '/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'Update a task: status, body, due date or assignee',
        params: ZTaskParams,
        body: ZTaskUpdate,
      },
    },
    async (request, reply) => {
      await updateTask(ctx, request.org.id, initiatorOf(request.principal), request.params.taskId, request.body);
      return reply.code(204).send();
    },
  );

  api.post(
    '/tasks/:taskId/comments',
    { schema: { tags, summary: 'Comment on an open task', params: ZTaskParams, body: ZTaskCommentCreate } },
    async (request, reply) => {
      const { taskId } = request.params;
      const comment = await addTaskComment(ctx, request.org.id, initiatorOf(request.principal), taskId, request.body);
      return reply.code(201).header('Location', `/api/v1/tasks/${taskId}/comments/${comment.id}`).send();
    },
  );

  api.get(
    '/tasks/:taskId/comments',
    {
      schema: {
        tags,
        summary: `List a task's comments, oldest first (at most ${LIST_CAPS.taskComments})`,
        params: ZTaskParams,
        response: { 200: z.array(ZTaskComment) },
      },
    },
    async (request, reply) => {
      const { taskId } = request.params;
      if (!(await findTask(ctx.db, request.org.id, taskId))) throw taskNotFound(taskId);
      const rows = await listTaskComments(ctx.db, request.org.id, taskId, LIST_CAPS.taskComments + 1);
      setLimitedDataHeader(reply, rows.length > LIST_CAPS.taskComments);
      return rows.slice(0, LIST_CAPS.taskComments).map(presentTaskComment);
    },
  );

  api.get(
    '/tasks/:taskId/comments/:commentId',
    { schema: { tags, summary: 'Get a task comment', params: ZTaskCommentParams, response: { 200: ZTaskComment } } },
    async (request) => {
      const { taskId, commentId } = request.params;
      if (!(await findTask(ctx.db, request.org.id, taskId))) throw taskNotFound(taskId);
      const comment = await findTaskComment(ctx.db, request.org.id, taskId, commentId);
      if (!comment) throw notFound(`task comment ${commentId} does not exist`);
      return presentTaskComment(comment);
    },
  );
};
