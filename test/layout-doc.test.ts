import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * README.md's layout block is the map a newcomer reads first: every path it
 * names must exist, and the folders it lists (server folders, domains,
 * provider plugins) must be all there are, so the map and the tree agree.
 */

const ROOT = new URL('..', import.meta.url).pathname;

interface Entry {
  path: string;
  comment: string;
}

/** The layout block's entries, each with its full path (from indentation) and comment (continuation lines joined). */
function layoutEntries(readme: string): Entry[] {
  const section = readme.slice(readme.indexOf('## Layout'));
  const block = section.slice(section.indexOf('```\n') + 4, section.indexOf('\n```', section.indexOf('```\n') + 4));
  const entries: Entry[] = [];
  const parents: string[] = [];
  for (const line of block.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const [name, ...rest] = line.trim().split(/\s{2,}/);
    if (indent >= 20) {
      // A comment carried over from the line above.
      entries[entries.length - 1].comment += ` ${line.trim()}`;
      continue;
    }
    const depth = indent / 2;
    parents.length = depth;
    const path = parents.join('') + name;
    entries.push({ path, comment: rest.join(' ') });
    if (name.endsWith('/')) parents[depth] = name;
  }
  return entries;
}

const entries = layoutEntries(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const folders = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
/** Names listed in a comment: `a, b, c`, read as words with dashes. */
const listed = (comment: string) => comment.split(/[,:]/).flatMap((part) => part.trim().match(/^[a-z][\w-]*$/) ?? []).sort();

describe("README's layout", () => {
  it('names only paths that exist', () => {
    expect(entries.length).toBeGreaterThan(30);
    const missing = entries
      .filter((entry) => !entry.path.includes('<'))
      .filter((entry) => !existsSync(join(ROOT, entry.path)))
      .map((entry) => entry.path);
    expect(missing).toEqual([]);
  });

  it('lists every folder of server/', () => {
    const named = entries.flatMap((entry) => entry.path.match(/^server\/([^/]+)\//)?.[1] ?? []);
    expect(folders('server').filter((folder) => !named.includes(folder))).toEqual([]);
  });

  it('lists every domain under server/modules/ and every provider plugin', () => {
    const domains = entries.find((entry) => entry.path === 'server/modules/<domain>/')!;
    expect(listed(domains.comment)).toEqual(folders('server/modules'));
    const providers = entries.find((entry) => entry.path === 'plugins/<id>/index.ts')!;
    expect(listed(providers.comment)).toEqual(folders('plugins').filter((name) => !name.startsWith('_')));
  });
});
