import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@hearth/shared': fileURLToPath(new URL('./packages/shared/src/index.ts', import.meta.url)) },
  },
  // The web app's components compile with React's automatic JSX runtime, as in apps/web/vite.config.ts.
  esbuild: { jsx: 'automatic' },
  test: {
    include: [
      'apps/*/src/**/*.test.{ts,tsx}',
      'apps/*/test/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
    globalSetup: ['apps/server/test/global-setup.ts', 'e2e/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets fresh orgs, so files may run side by side against one database.
    fileParallelism: true,
  },
});
