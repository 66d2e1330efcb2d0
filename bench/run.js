// `npm run bench`: every benchmark in turn. Each prints its figures beside its baseline.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const bench of ['api', 'webhooks', 'email', 'web']) {
  execFileSync(process.execPath, [path.join(here, bench, 'run.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
}
