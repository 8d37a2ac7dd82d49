import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console's sources (client/) and build output (client/dist), served at /admin. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../client', import.meta.url));
export const CONSOLE_DIST_DIR = join(CONSOLE_DIR, 'dist');

interface MinimalLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface EnsureConsoleBuiltOptions {
  logger: MinimalLogger;
  /** client/ by default; tests point it elsewhere. */
  consoleDir?: string;
}

export interface EnsureConsoleBuiltResult {
  built: boolean;
  distDir: string;
  /** Why it was (or could not be) built. */
  reason?: string;
}

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    newest = Math.max(newest, await newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why the build in `consoleDir/dist` is stale, or null when it is up to date. */
export async function staleReason(consoleDir: string): Promise<string | null> {
  const marker = await stat(join(consoleDir, 'dist', 'index.html')).catch(() => null);
  if (!marker) return 'no build yet';
  const inputs = [join(consoleDir, 'src'), join(consoleDir, 'index.html'), join(consoleDir, 'vite.config.ts')];
  for (const input of inputs) {
    if ((await newestMtime(input)) > marker.mtimeMs) return `${input} changed since the last build`;
  }
  return null;
}

/**
 * Builds the admin console with Vite's JS API when client/dist is missing or
 * older than any file of client/src, client/index.html or client/vite.config.ts;
 * otherwise returns at once (a stat walk of about fifty files). The build goes
 * to a temporary folder that then replaces dist, so a gateway serving the old
 * build never sees half a new one. Without Vite installed (production installs
 * without dev dependencies), it logs why and leaves dist as it is.
 */
export async function ensureConsoleBuilt(options: EnsureConsoleBuiltOptions): Promise<EnsureConsoleBuiltResult> {
  const consoleDir = options.consoleDir ?? CONSOLE_DIR;
  const distDir = join(consoleDir, 'dist');
  if (!existsSync(join(consoleDir, 'vite.config.ts'))) return { built: false, distDir, reason: 'no console sources' };
  const reason = await staleReason(consoleDir);
  if (!reason) return { built: false, distDir };

  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    options.logger.warn({ reason }, 'admin console needs a build but Vite is not installed; run `npm run build:client` where it is');
    return { built: false, distDir, reason };
  }
  const started = Date.now();
  const tmpDir = `${distDir}.tmp-${process.pid}`;
  await rm(tmpDir, { recursive: true, force: true });
  try {
    await vite.build({
      configFile: join(consoleDir, 'vite.config.ts'),
      root: consoleDir,
      logLevel: 'warn',
      mode: 'production',
      build: { outDir: tmpDir, emptyOutDir: true },
    });
    const oldDir = `${distDir}.old-${process.pid}`;
    if (existsSync(distDir)) await rename(distDir, oldDir);
    await rename(tmpDir, distDir);
    await rm(oldDir, { recursive: true, force: true });
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
  options.logger.info({ reason, ms: Date.now() - started }, 'admin console built');
  return { built: true, distDir, reason };
}
