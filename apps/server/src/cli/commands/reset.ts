import type { FastifyBaseLogger } from 'fastify';
import { createDemoOrg, type TDemoOrg } from '../../seed/demo-org.js';
import { dropAllData } from '../cli.repository.js';
import { CliError, printDemoCredentials, seedProgressReporter, type TOutput } from '../output.js';
import { migrate, type TStorage } from '../storage.js';

export function refuseReset(target: string): never {
  throw new CliError(
    `reset deletes ALL data in ${target}: every organization, user, customer and conversation.\n` +
      'Run it again with --yes to confirm.',
  );
}

/** Drops everything Hearth stored and re-initialises: the schema, and the demo org unless `demo` is false. */
export async function runReset(
  storage: Pick<TStorage, 'db' | 'describe'>,
  options: { yes?: boolean; demo?: boolean },
  out: TOutput,
  log: FastifyBaseLogger,
  baseUrl: string,
): Promise<TDemoOrg | null> {
  if (!options.yes) refuseReset(storage.describe);
  const { db } = storage;
  await dropAllData(db);
  const applied = await migrate(db);
  log.info({ migrations: applied }, 'database re-initialised');
  out.line(`All data in ${storage.describe} was deleted and the schema re-created.`);
  if (options.demo === false) {
    out.line('No organization exists now: the next `npm start` creates the demo org (set HEARTH_DEMO=false to skip).');
    return null;
  }
  const demo = await createDemoOrg(db, { onProgress: seedProgressReporter(out) });
  printDemoCredentials(out, demo, baseUrl);
  return demo;
}
