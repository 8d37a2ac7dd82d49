import { isObjectType } from 'graphql';
import { expect, test } from 'vitest';
import { schema } from '../server/schema.ts';

type PothosExtensions = { pothosOptions?: { authScopes?: unknown; skipTypeScopes?: boolean } };

test('every field of every object type has an auth rule, on the field or on its type', () => {
  const unguarded: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type);
    const typeRule = (type.extensions as PothosExtensions).pothosOptions?.authScopes;
    for (const field of Object.values(type.getFields())) {
      const fieldRule = (field.extensions as PothosExtensions).pothosOptions?.authScopes;
      // Root fields must each carry their own rule; other types may guard all their fields at once.
      if (!fieldRule && (root || !typeRule)) unguarded.push(`${type.name}.${field.name}`);
    }
  }
  expect(unguarded).toEqual([]);
});

test('the walk sees the root fields it guards (the check itself is not vacuous)', () => {
  const fields = Object.keys(schema.getQueryType()!.getFields());
  expect(fields).toEqual(expect.arrayContaining(['me', 'users', 'user', 'roles', 'role', 'permissions', 'usage', 'auditLog']));
  const me = schema.getQueryType()!.getFields().me;
  expect((me.extensions as PothosExtensions).pothosOptions?.authScopes).toEqual({ loggedIn: true });
});
