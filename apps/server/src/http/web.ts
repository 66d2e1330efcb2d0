import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/public');

/** Serve the web app's files at `/`. The agent desktop replaces the placeholder page in its own issue. */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_ROOT)) return;
  await app.register(fastifyStatic, { root: WEB_ROOT, prefix: '/', wildcard: false });
}
