import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The agent desktop's production build (`npm run build -w @hearth/web`, part of `npm start`). */
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Client-side routes of apps/web/src/app/App.tsx: a reload on any of them gets the app. */
const APP_ROUTES = ['/', '/login', '/inbox/*', '/customers/*', '/search', '/team', '/settings', '/settings/*'];

/**
 * Serve the web app at `/`. It is a single-page app: each of its routes gets index.html, so a
 * reload on /customers/abc works. Hashed assets are cached for a year; index.html never, so a deploy shows at once.
 */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root: WEB_ROOT,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders(res, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
  const sendShell = (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('Cache-Control', 'no-store');
    return reply.sendFile('index.html');
  };
  // The app's own paths, named rather than a catch-all, so /api keeps its own 404s and router errors (414).
  for (const route of APP_ROUTES) app.get(route, { schema: { hide: true } }, sendShell);
}
