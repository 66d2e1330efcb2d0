import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// React without @vitejs/plugin-react (its binaries are not installable here): esbuild compiles JSX itself with the
// automatic runtime. No fast refresh in development; a reload is fine for this app.
export default defineConfig({
  root: import.meta.dirname,
  resolve: {
    alias: { '@hearth/shared': fileURLToPath(new URL('../../packages/shared/src/index.ts', import.meta.url)) },
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'react' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  server: {
    // `npm run dev -w @hearth/web` beside `npm run dev`: the API and the realtime socket live on the server.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
