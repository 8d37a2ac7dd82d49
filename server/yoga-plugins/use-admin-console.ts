import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';

export interface AdminConsoleOptions {
  /** The console's build output (client/dist), with index.html at its root. */
  distDir: string;
  /** Where the console is served; the Vite `base` must agree. */
  basePath?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// Everything is bundled; uPlot and Solid set inline style attributes, nothing else is inline.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Serves the admin console (client/dist) at `/admin/`: files by path, any other
 * path under it as index.html (the console routes in the browser), `/` and
 * `/admin` redirected to `/admin/`. Hashed assets are cached for a year;
 * index.html is revalidated on every load so a new build is picked up at once.
 */
export function useAdminConsole(options: AdminConsoleOptions): Plugin {
  const base = (options.basePath ?? '/admin').replace(/\/$/, '');
  const root = normalize(options.distDir);

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const pathname = url.pathname;
      if (pathname === '/' || pathname === base) {
        return endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: `${base}/${url.search}` } }));
      }
      if (!pathname.startsWith(`${base}/`)) return;

      let relative: string;
      try {
        relative = decodeURIComponent(pathname.slice(base.length + 1));
      } catch {
        return endResponse(new fetchAPI.Response('Bad request', { status: 400 }));
      }
      const respond = (status: number, body: Uint8Array<ArrayBuffer> | string | null, headers: Record<string, string>) =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
            status,
            headers: { 'x-content-type-options': 'nosniff', ...headers },
          }),
        );

      const file = relative ? normalize(join(root, relative)) : '';
      // `..` or an absolute path must never leave the build folder.
      const inside = file.startsWith(root + sep) && !relative.includes('\0');
      if (file && inside && extname(file)) {
        const content = await readRegularFile(file);
        if (content) {
          const hashed = relative.startsWith('assets/');
          return respond(200, content, {
            'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
            'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
          });
        }
        // A missing script or stylesheet must not come back as HTML.
        if (relative.startsWith('assets/') || extname(file) !== '.html') {
          return respond(404, 'Not found', { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
        }
      }
      const index = await readRegularFile(join(root, 'index.html'));
      if (!index) {
        return respond(503, 'The admin console is not built. Run `npm run build:client`, or start the gateway with `npm start`, which builds it.', {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
        });
      }
      return respond(200, index, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': CSP,
        'referrer-policy': 'same-origin',
        'x-frame-options': 'DENY',
      });
    },
  };
}

async function readRegularFile(path: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    if (!(await stat(path)).isFile()) return null;
    return new Uint8Array(await readFile(path));
  } catch {
    return null;
  }
}
