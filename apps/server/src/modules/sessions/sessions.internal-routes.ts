import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../../http/session-auth.js';
import { logIn } from './commands/log-in.js';
import { logOut } from './commands/log-out.js';
import { hashSessionToken } from './session-tokens.js';
import { presentSessionOrg, presentSessionUser } from './sessions.presenter.js';
import { ZLoginBody, ZLoginResponse, ZMeResponse } from './sessions.schemas.js';

/** Sign in and out of the web app, and who am I. */
export const sessionsInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const secure = ctx.env.HEARTH_SECURE_COOKIES ?? false;

  api.post(
    '/auth/login',
    { config: { public: true }, schema: { hide: true, body: ZLoginBody, response: { 200: ZLoginResponse } } },
    async (request, reply) => {
      const previous = sessionTokenOf(request);
      const { user, token } = await logIn(ctx, {
        orgId: request.org.id,
        email: request.body.email,
        password: request.body.password,
        previousTokenHash: previous ? hashSessionToken(previous) : undefined,
      });
      setSessionCookie(reply, token, secure);
      return { user: presentSessionUser(user) };
    },
  );

  api.post('/auth/logout', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const token = sessionTokenOf(request);
    await logOut(ctx, request.org.id, token ? hashSessionToken(token) : undefined);
    clearSessionCookie(reply, secure);
    return reply.code(204).send();
  });

  api.get('/auth/me', { schema: { hide: true, response: { 200: ZMeResponse } } }, async (request) => {
    const { userId, name, email, roles } = request.principal;
    return { user: presentSessionUser({ id: userId, name, email, roles }), org: presentSessionOrg(request.org) };
  });
};
