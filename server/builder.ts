import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ComplexityPlugin from '@pothos/plugin-complexity';
import { GraphQLError, GraphQLScalarType, Kind, type GraphQLResolveInfo } from 'graphql';
import { AppError } from './errors.ts';
import { recordAccessRefusal } from './modules/request-log/access-refusals.ts';
import type { Context, ViewerContext } from './context.ts';
import type { Permission } from './modules/roles/permissions.ts';

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
    unauthorizedError: (_parent, ctx, info, result) =>
      ctx.viewer
        ? refusedField(ctx, info, new GraphQLError(`Not allowed: ${result.message}`, { extensions: { code: 'FORBIDDEN' } }))
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

/** A chat asked for without the chat permission is a refused request: recorded like the chat core's refusals. */
function refusedField(ctx: Context, info: GraphQLResolveInfo, error: GraphQLError): GraphQLError {
  const op = info.parentType.name;
  if (info.fieldName === 'chat' && (op === 'Mutation' || op === 'Subscription') && ctx.app?.refusals) {
    recordAccessRefusal(ctx.app.refusals, new AppError('FORBIDDEN', error.message), { viewer: ctx.viewer, requestId: ctx.requestId, via: op === 'Mutation' ? 'mutation' : 'subscription' });
  }
  return error;
}

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

/** ISO-8601 with a four-digit year; a time without a zone is UTC. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Whether year, month and day name a real day (`2026-02-31` does not). */
function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0-99 as 1900-1999

  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Strict on purpose: JavaScript's Date accepts "1" and rolls `2026-02-31` over
 * to March, and years outside 0001-9999 reach PostgreSQL as values it refuses.
 */
function parseDateTime(value: unknown): Date {
  const m = typeof value === 'string' ? DATE_TIME.exec(value.trim()) : null;
  const [hour, minute, second] = [m?.[4], m?.[5], m?.[6]].map((v) => Number(v ?? 0));
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3])) || hour > 23 || minute > 59 || second > 59) {
    invalid('DateTime', 'an ISO-8601 date and time such as 2026-11-30T08:00:00Z, with a real calendar day and a year from 0001 to 9999');
  }
  const text = m[4] === undefined ? `${m[1]}-${m[2]}-${m[3]}T00:00:00${m[7] ?? 'Z'}` : m[7] ? (value as string).trim() : `${(value as string).trim()}Z`;
  const date = new Date(text.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) invalid('DateTime', 'an ISO-8601 date and time such as 2026-11-30T08:00:00Z');
  return date;
}

function parseDay(value: unknown): string {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) invalid('Date', 'a real calendar day as YYYY-MM-DD, year 0001 to 9999');
  return value as string;
}

function parseLong(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid('Long', 'a whole number up to 2^53-1');
  return value as number;
}

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
