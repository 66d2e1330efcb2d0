import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'apps/web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True for a whole run (no file filters) or when a filter names something under e2e/. */
function runIncludesE2e(): boolean {
  const args = process.argv.slice(2);
  const run = args.indexOf('run');
  const filters = args.slice(run + 1).filter((a, i, all) => !a.startsWith('-') && !all[i - 1]?.match(/^--\w+$/));
  return filters.length === 0 || filters.some((f) => f.includes('e2e'));
}

/**
 * The e2e tests drive the production build of the web app, served by the real server. Build it once per run, and
 * only when a source file is newer than the last build (or there is none), so runs without web changes pay nothing.
 */
export default async function setup(): Promise<void> {
  // Without a browser the e2e files skip themselves (e2e/harness.ts), so there is nothing to build for.
  if (!existsSync(process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium')) return;
  if (!runIncludesE2e()) return;
  const built = path.join(WEB, 'dist/index.html');
  const sources = Math.max(
    newestMtime(path.join(WEB, 'src')),
    statSync(path.join(WEB, 'index.html')).mtimeMs,
    statSync(path.join(WEB, 'vite.config.ts')).mtimeMs,
    newestMtime(path.join(ROOT, 'packages/shared/src')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  try {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' });
  } catch (error) {
    // Only the browser tests need the build; they fail on their own (no page to load) while the rest run.
    console.error('e2e: the web app did not build; browser tests will fail', error);
  }
}
