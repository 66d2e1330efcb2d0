import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import pretty from 'pino-pretty';
import type { TEnv } from '../config/env.js';

/**
 * JSON logs for machines, pretty ones for people: pretty when the stream is a terminal unless HEARTH_LOG_PRETTY says
 * otherwise. The server logs to stdout; one-shot commands log to stderr so their stdout stays their answer.
 * pino-pretty runs in-process (not as a worker transport) so the last lines are never lost on exit.
 */
export function createLogger(env: TEnv, options: { toStderr?: boolean } = {}): FastifyBaseLogger {
  const fd = options.toStderr ? 2 : 1;
  const stream = options.toStderr ? process.stderr : process.stdout;
  const usePretty = env.HEARTH_LOG_PRETTY ?? stream.isTTY === true;
  const destination = usePretty
    ? pretty({
        destination: fd,
        colorize: stream.isTTY === true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        sync: true,
      })
    : pino.destination({ fd, sync: true });
  return pino({ level: env.HEARTH_LOG_LEVEL }, destination);
}
