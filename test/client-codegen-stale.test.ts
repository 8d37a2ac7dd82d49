import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { expect, test } from 'vitest';
import config from '../codegen.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

test('client/src/gql is what codegen makes from schema.graphql and the documents (run `npm run codegen`)', { timeout: 60_000 }, async () => {
  const outputs = (await generate({ ...config, cwd: ROOT, silent: true }, false)) as { filename: string; content: string }[];
  expect(outputs.length).toBeGreaterThan(0);
  for (const output of outputs) {
    const path = output.filename.startsWith('/') ? output.filename : `${ROOT}${output.filename}`;
    expect(readFileSync(path, 'utf8'), output.filename).toBe(output.content);
  }
});
