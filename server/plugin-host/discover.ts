/** Finds plugin entry files by scanning folders; there is no hand-kept list of plugins. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A candidate plugin: the folder (or package) name it was found under and its entry file. */
export interface PluginEntry {
  /** Folder name or package name; used in failure reports before the plugin's own id is known. */
  name: string;
  /** Absolute path of the entry file, or the package specifier. */
  entry: string;
  kind: 'dir' | 'package';
}

const ENTRY_FILES = ['index.ts', 'index.js', 'index.mjs'];

async function firstExisting(dir: string): Promise<string | undefined> {
  for (const file of ENTRY_FILES) {
    const path = join(dir, file);
    if (await stat(path).then((s) => s.isFile(), () => false)) return path;
  }
  return undefined;
}

/**
 * Lists `<dir>/<name>/index.{ts,js,mjs}` for each dir. Folders starting with
 * `_` or `.` (shared code such as `_shared`) and plain files are skipped, as are
 * folders without an entry file.
 */
export async function discoverPluginDirs(dirs: string[]): Promise<{ entries: PluginEntry[]; failures: { id: string; reason: string }[] }> {
  const entries: PluginEntry[] = [];
  const failures: { id: string; reason: string }[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      const dirents = await readdir(dir, { withFileTypes: true });
      names = dirents.filter((d) => d.isDirectory() && !/^[_.]/.test(d.name) && d.name !== 'node_modules').map((d) => d.name);
    } catch (err) {
      failures.push({ id: dir, reason: `cannot read plugin directory: ${(err as Error).message}` });
      continue;
    }
    for (const name of names.sort()) {
      const entry = await firstExisting(join(dir, name));
      if (entry) entries.push({ name, entry, kind: 'dir' });
    }
  }
  return { entries, failures };
}
