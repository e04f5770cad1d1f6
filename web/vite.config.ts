import { fileURLToPath } from 'node:url';
import { constants, type InputType } from 'node:zlib';
import { gzipAsync, type ZopfliOptions } from '@gfx/zopfli';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

// `npm run dev` serves the page with hot reload and forwards API calls to a running API,
// so the browser still sees one origin, as it does in production.
const apiUrl = process.env.API_URL ?? 'http://localhost:3000';

const zopfliGzip = async (input: InputType, options: ZopfliOptions) =>
  Buffer.from(await gzipAsync(input as Uint8Array, options));

export default defineConfig({
  plugins: [
    react(),
    // Each file is compressed once here, at the highest settings, instead of on every request; the API serves the .br
    // or .gz beside it. Zopfli writes ordinary gzip about 4 % smaller than zlib's level 9 (for browsers without br).
    compression({
      algorithms: [
        defineAlgorithm(zopfliGzip, { numiterations: 15 }),
        defineAlgorithm('brotliCompress', {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
        }),
      ],
    }),
  ],
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
