import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { FastifyBaseLogger } from 'fastify';
import { loadEnv, type TEnv } from '../config/env.js';
import { AppError } from '../http/errors.js';
import type { startHearth } from '../main.js';
import { listOrgs } from './cli.repository.js';
import { printEnvHelp } from './commands/env-help.js';
import { runOrgCreate } from './commands/org-create.js';
import { refuseReset, runReset } from './commands/reset.js';
import { runSeed } from './commands/seed.js';
import { parseRoles, runStart } from './commands/start.js';
import { runTokenCreate } from './commands/token-create.js';
import { runUserCreate } from './commands/user-create.js';
import { createLogger } from './logger.js';
import { CliError, describeError, processOutput, type TOutput } from './output.js';
import { PROCESS_ROLES, publicUrl } from './process-roles.js';
import { openStorage, type TStorage } from './storage.js';

export interface TProgramDeps {
  startHearth: typeof startHearth;
  out?: TOutput;
  /** Environment to read (tests pass their own); defaults to process.env. */
  environment?: NodeJS.ProcessEnv;
}

/** The `hearth` command. Actions throw to fail; runProgram turns that into a message and an exit code. */
export function buildProgram(deps: TProgramDeps): Command {
  const out = deps.out ?? processOutput;
  const program = new Command('hearth')
    .description('Hearth: customer service around the customer, with a Gladly-compatible REST API')
    .showHelpAfterError()
    .exitOverride();
  const env = (): TEnv => loadEnv(deps.environment ?? process.env);
  /** One-shot commands: storage opened (and migrated) around the work, logs on stderr. */
  const withStorage = (work: (storage: TStorage, env: TEnv, log: FastifyBaseLogger) => Promise<unknown>) => {
    return async () => {
      const config = env();
      const log = createLogger(config, { toStderr: true });
      const storage = await openStorage(config, log);
      try {
        await work(storage, config, log);
      } finally {
        await storage.close();
      }
    };
  };
  const cliBaseUrl = (config: TEnv) => publicUrl(config, config.HEARTH_PORT);

  program
    .command('start')
    .description('run Hearth: the API and web app, background workers and the scheduler (all roles by default)')
    .option('--roles <roles>', `comma-separated subset of ${PROCESS_ROLES.join(',')}`, 'all')
    .action(async (options: { roles: string }) => {
      const config = env();
      const roles = parseRoles(options.roles, PROCESS_ROLES);
      await runStart({ env: config, roles, log: createLogger(config), out, start: deps.startHearth });
    });

  program
    .command('migrate')
    .description('bring the database schema up to date (every command does this too)')
    .action(async () => {
      const config = env();
      const log = createLogger(config, { toStderr: true });
      const storage = await openStorage(config, log);
      await storage.close();
      out.line(`Database schema is up to date (${storage.describe}).`);
    });

  const org = program.command('org').description('organizations (tenants)');
  org
    .command('create')
    .description('create an organization; the first one becomes the default org')
    .requiredOption('--slug <slug>', 'short name, a DNS label: served at <slug>.HEARTH_BASE_DOMAIN')
    .requiredOption('--name <name>', 'display name')
    .option('--timezone <iana>', 'IANA time zone', 'America/Los_Angeles')
    .option('--sandbox-of <slug>', 'make it a sandbox of this organization')
    .action(async (options: { slug: string; name: string; timezone: string; sandboxOf?: string }) =>
      withStorage((s, config) => runOrgCreate(s.db, options, out, config.HEARTH_BASE_DOMAIN))(),
    );
  org
    .command('list')
    .description('list organizations')
    .action(
      withStorage(async (s) => {
        for (const o of await listOrgs(s.db)) {
          const tags = [o.is_default ? 'default' : '', o.sandbox_of_slug ? `sandbox of ${o.sandbox_of_slug}` : '']
            .filter(Boolean)
            .join(', ');
          out.line(`${o.slug}\t${o.name}\t${o.id}\t${o.timezone}${tags ? `\t(${tags})` : ''}`);
        }
      }),
    );

  program
    .command('user')
    .description('users')
    .command('create')
    .description('create a user (agent, administrator, API user, …)')
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--roles <roles>', 'comma-separated: ADMINISTRATOR, TEAM_MANAGER, AGENT, API_USER, …')
    .option('--password <password>', 'login password for the web app (at least 8 characters)')
    .action(async (options: { org: string; email: string; name: string; roles: string; password?: string }) =>
      withStorage((s) => runUserCreate(s.db, options, out))(),
    );

  program
    .command('token')
    .description('API tokens')
    .command('create')
    .description('mint an API token for a user with the API_USER role; prints it once')
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--email <email>', "the API user's email")
    .option('--name <name>', 'a label for the token', 'cli')
    .action(async (options: { org: string; email: string; name: string }) =>
      withStorage((s) => runTokenCreate(s.db, options, out))(),
    );

  program
    .command('seed')
    .description('add sample customers with conversations; --demo creates a whole demo organization')
    .option('--demo', 'create a demo organization with an administrator, an API user and sample data')
    .option('--org <slug>', 'organization to seed (default: the default org); with --demo, the new org slug')
    .addOption(new Option('--customers <n>', 'customers to add (default 300)').argParser(positiveInt))
    .addOption(
      new Option('--items-per-customer <m>', 'messages per customer (default 6; demo: 5 to 7)').argParser(positiveInt),
    )
    .action(async (options: { demo?: boolean; org?: string; customers?: number; itemsPerCustomer?: number }) =>
      withStorage((s, config) => runSeed(s.db, options, out, cliBaseUrl(config)))(),
    );

  program
    .command('reset')
    .description('delete ALL data and re-initialise (creates the demo organization again)')
    .option('--yes', 'confirm: really delete everything')
    .option('--no-demo', 'leave the database empty instead of creating the demo organization')
    .action(async (options: { yes?: boolean; demo: boolean }) => {
      // Refuse before starting anything: no database is touched without --yes.
      if (!options.yes) refuseReset(describeTarget(env()));
      return withStorage((s, config, log) => runReset(s, options, out, log, cliBaseUrl(config)))();
    });

  program
    .command('env')
    .description('list the environment variables Hearth reads')
    .option('--markdown', 'as a Markdown table')
    .action((options: { markdown?: boolean }) => printEnvHelp(out, options));

  return program;
}

function describeTarget(config: TEnv): string {
  return config.DATABASE_URL ? 'the database at DATABASE_URL' : `the embedded PostgreSQL in ${config.HEARTH_DATA_DIR}`;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

/** Parse and run; user errors print one line and give exit code 1, help and version give 0. */
export async function runProgram(program: Command, argv: string[], out: TOutput = processOutput): Promise<number> {
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      out.note(`hearth: ${error.message}`);
      return 1;
    }
    out.note(`hearth: ${describeError(error)}`);
    if (
      error instanceof Error &&
      !(error instanceof AppError) &&
      /debug|trace/.test(process.env.HEARTH_LOG_LEVEL ?? '')
    ) {
      out.note(error.stack ?? '');
    }
    return 1;
  }
}
