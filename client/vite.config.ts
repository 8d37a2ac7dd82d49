import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const root = fileURLToPath(new URL('.', import.meta.url));
// The gateway the dev server proxies /graphql to; `npm run dev` with ZERO_API_PORT=4431 for another one.
const apiPort = process.env.ZERO_API_PORT ?? '4430';
// GraphQL, and the REST endpoints the console uses (the audit export).
const gateway = {
  '/graphql': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: true },
  '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: true },
};

export default defineConfig({
  root,
  base: '/admin/',
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    port: Number(process.env.ZERO_CONSOLE_PORT ?? 5173),
    proxy: gateway,
  },
  preview: {
    proxy: gateway,
  },
});
