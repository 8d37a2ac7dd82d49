import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { printedSchema } from '../server/print-schema.ts';

test('schema.graphql matches the schema built from the code (run `npm run schema` after changing it)', () => {
  const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
  expect(committed).toBe(printedSchema());
});
