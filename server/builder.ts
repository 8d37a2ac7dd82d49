import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ComplexityPlugin from '@pothos/plugin-complexity';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { Context, ViewerContext } from './context.ts';
import type { Permission } from './modules/roles/permissions.ts';
import { DATE_TIME_EXPECTED, DAY_EXPECTED, readDateTime, readDay } from './schema/scalar-values.ts';

export interface AuthScopes {
  /** Anyone, signed in or not (login, health-like fields). */
  public: boolean;
  loggedIn: boolean;
  permission: Permission;
  /** Holds at least one of the permissions. */
  anyPermission: Permission[];
}

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  AuthContexts: { loggedIn: ViewerContext; permission: ViewerContext; anyPermission: ViewerContext };
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: string; Output: string };
    Long: { Input: number; Output: number | string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // scope-auth first, so its checks wrap every other plugin's resolvers.
  plugins: [ScopeAuthPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // Check a subscription's scopes once, when it starts, not on every event.
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      public: true,
      loggedIn: ctx.viewer !== null,
      permission: (permission) => ctx.viewer?.permissions.has(permission) ?? false,
      anyPermission: (permissions) => permissions.some((p) => ctx.viewer?.permissions.has(p)),
    }),
    unauthorizedError: (_parent, ctx, _info, result) =>
      ctx.viewer
        ? new GraphQLError(`Not allowed: ${result.message}`, { extensions: { code: 'FORBIDDEN' } })
        : new GraphQLError('Sign in first: this field needs a session token or an API key', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          }),
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: 5000, depth: 12, breadth: 300 },
    complexityError: (kind, result) =>
      new GraphQLError(
        `Query ${kind.toLowerCase()} ${kind === 'Complexity' ? result.complexity : kind === 'Depth' ? result.depth : result.breadth} exceeds the limit of ${kind === 'Complexity' ? result.maxComplexity : kind === 'Depth' ? result.maxDepth : result.maxBreadth}`,
        { extensions: { code: 'QUERY_TOO_COMPLEX', kind: kind.toUpperCase() } },
      ),
  },
});

builder.addScalarType(
  'DateTime',
  new GraphQLScalarType({
    name: 'DateTime',
    description: 'An instant, as an ISO-8601 string in UTC',
    serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
    parseValue: (value) => parseDateTime(value),
    parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDateTime(ast.value) : invalid('DateTime', 'an ISO-8601 string')),
  }),
);

builder.addScalarType(
  'Date',
  new GraphQLScalarType({
    name: 'Date',
    description: 'A calendar day, YYYY-MM-DD',
    serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
    parseValue: (value) => parseDay(value),
    parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDay(ast.value) : invalid('Date', 'a YYYY-MM-DD string')),
  }),
);

builder.addScalarType(
  'Long',
  new GraphQLScalarType({
    name: 'Long',
    description: 'A whole number up to 2^53-1 (token counts), sent as a JSON number',
    serialize: (value) => Number(value),
    parseValue: (value) => parseLong(value),
    parseLiteral: (ast) => (ast.kind === Kind.INT ? parseLong(Number(ast.value)) : invalid('Long', 'a whole number')),
  }),
);

builder.addScalarType(
  'JSON',
  new GraphQLScalarType({ name: 'JSON', description: 'Arbitrary JSON', serialize: (v) => v, parseValue: (v) => v }),
);

function invalid(type: string, expected: string): never {
  throw new GraphQLError(`${type} must be ${expected}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseDateTime(value: unknown): Date {
  return readDateTime(value) ?? invalid('DateTime', DATE_TIME_EXPECTED);
}

function parseDay(value: unknown): string {
  return readDay(value) ?? invalid('Date', DAY_EXPECTED);
}

function parseLong(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid('Long', 'a whole number up to 2^53-1');
  return value as number;
}

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
