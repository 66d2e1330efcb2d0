#!/usr/bin/env node
// The `hearth` command. Runs the compiled server in dist/; on a fresh clone it builds it first (`npm run build` at
// the repository root), so `npx hearth …` works right after `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(serverDir, '..', '..');
const entry = path.join(serverDir, 'dist', 'main.js');
const sharedEntry = path.join(repoRoot, 'packages', 'shared', 'dist', 'index.js');

if (!existsSync(entry) || !existsSync(sharedEntry)) {
  process.stderr.write('hearth: building the server first (npm run build)…\n');
  // The build's own output goes to stderr: stdout belongs to the command's answer (a token, say).
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    process.stderr.write(`hearth: the build failed (${build.error?.message ?? `exit code ${build.status}`})\n`);
    process.exit(build.status || 1);
  }
}

const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv);
