import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` serves the page with hot reload and forwards API calls to a running API,
// so the browser still sees one origin, as it does in production.
const apiUrl = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    port: 5173,
    proxy: {
      '/api': apiUrl,
      '/healthz': apiUrl,
      '/readyz': apiUrl,
    },
  },
  build: {
    target: 'es2022',
    // The API serves dist/ under a CSP with script-src 'self': no inline script may be emitted.
    assetsInlineLimit: 0,
    // One entry chunk and evergreen browsers: the modulepreload polyfill would be dead weight.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
});
