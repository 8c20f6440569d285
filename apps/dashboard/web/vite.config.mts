import path from 'node:path';
import { defineConfig } from 'vite';

// No React plugin: Vite's own transform compiles the JSX (the automatic runtime); the page needs no fast refresh to ship.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  // The domain's pure rules (period labels) serve the page as they serve the services.
  resolve: { alias: { '@dtp/domain': path.resolve(import.meta.dirname, '../../../libs/domain/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(import.meta.dirname, '../../../dist/apps/dashboard/web'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    port: 3100,
    proxy: {
      '/svc/reports': { target: 'http://127.0.0.1:3101', rewrite: (p) => p.replace(/^\/svc\/reports/, '') },
      '/svc/indicators': { target: 'http://127.0.0.1:3102', rewrite: (p) => p.replace(/^\/svc\/indicators/, '') },
      '/svc/notifications': { target: 'http://127.0.0.1:3103', rewrite: (p) => p.replace(/^\/svc\/notifications/, '') },
      '/svc/exports': { target: 'http://127.0.0.1:3104', rewrite: (p) => p.replace(/^\/svc\/exports/, '') },
    },
  },
});
