import type { FastifyBaseLogger } from 'fastify';
import type { TEnv } from '../../config/env.js';
import type { startHearth } from '../../main.js';
import { CliError, type TOutput } from '../output.js';
import type { TProcessRole } from '../process-roles.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/**
 * `npm start` puts npm and Hearth in one process group: Ctrl-C reaches Hearth from the terminal and again from npm,
 * which forwards it. Repeats this close together are one request; a later one means "stop waiting".
 */
const REPEAT_WINDOW_MS = 1_000;

/**
 * Run until SIGINT, SIGTERM or SIGHUP, then shut down cleanly: stop accepting, finish in-flight requests, stop the
 * jobs, close the pool, stop embedded PostgreSQL. A second signal exits at once. A signal during start-up is held
 * until start-up ends, so credentials of a first-run demo org are never created and lost unseen.
 */
export async function runStart(deps: {
  env: TEnv;
  roles: ReadonlySet<TProcessRole>;
  log: FastifyBaseLogger;
  out: TOutput;
  start: typeof startHearth;
}): Promise<number> {
  const { log } = deps;
  let firstSignalAt = 0;
  let onStop: (signal: string) => void = () => {};
  const stopRequested = new Promise<string>((resolve) => {
    onStop = resolve;
  });
  // Ctrl-C reaches the embedded PostgreSQL too (one process group), which then closes every connection at once: a
  // pooled connection that is checked out emits that as an 'error' nobody listens to. Expected while stopping.
  const onUncaught = (error: Error) => {
    if (isConnectionTermination(error)) {
      log.debug({ err: error }, 'database connection closed during shutdown');
      return;
    }
    log.fatal({ err: error }, 'uncaught exception during shutdown');
    process.exit(1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstSignalAt === 0) {
      firstSignalAt = now;
      log.info({ signal }, 'shutting down: finishing in-flight requests (send the signal again to force)');
      process.on('uncaughtException', onUncaught);
      onStop(signal);
    } else if (now - firstSignalAt > REPEAT_WINDOW_MS) {
      log.warn({ signal }, 'forced exit');
      process.exit(130);
    }
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    const running = await deps.start({ env: deps.env, roles: deps.roles, log, out: deps.out });
    await stopRequested;
    await running.stop();
    log.info('stopped');
    return 0;
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('uncaughtException', onUncaught);
  }
}

function isConnectionTermination(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (
    ['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE'].includes(code ?? '') ||
    /Connection terminated/i.test(message ?? '')
  );
}

export function parseRoles(text: string | undefined, known: readonly TProcessRole[]): Set<TProcessRole> {
  if (!text || text.trim() === '' || text.trim() === 'all') return new Set(known);
  const roles = text.split(',').map((r) => r.trim().toLowerCase());
  const unknown = roles.filter((r) => !(known as readonly string[]).includes(r));
  if (unknown.length > 0) {
    throw new CliError(`unknown role ${unknown.join(', ')}: choose from ${known.join(', ')}`);
  }
  return new Set(roles as TProcessRole[]);
}
