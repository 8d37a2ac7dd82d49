import { cacheExchange, type Cache, type UpdatesConfig } from '@urql/exchange-graphcache';

/**
 * Mutations whose answer is the changed object with its id, and nothing else
 * shown changes with it: the normalised cache updates every page showing that
 * object in place, with no refetch. (A quota; a user's name, email or
 * password: the console shows no count or list that these change.)
 */
const UPDATED_IN_PLACE = new Set(['setQuota', 'updateUser']);

/** Mutations that start or end the session or only try a connection: nothing cached changes (after logout the token is revoked, so a refetch would only be refused). */
const CHANGES_NOTHING = new Set(['login', 'logout', 'testProvider', 'testWebhook']);

/** Mutations that delete by id, with the type they delete. */
const DELETES: Record<string, string> = {
  deleteUser: 'User',
  deleteRole: 'Role',
  deleteBudget: 'Budget',
  deleteWebhook: 'Webhook',
  deleteProvider: 'Provider',
  revokeApiKey: 'ApiKey',
};

/** Every list and summary the cache holds goes: the pages showing them read again. */
function invalidateQueries(cache: Cache) {
  for (const field of cache.inspectFields('Query')) cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
}

/**
 * What any other mutation may change (a new row, a count, a total, who may do
 * what) is not in its answer, so every cached query is read again, as the
 * document cache did before: correct first, and the mutations above skip it.
 */
const mutationUpdates = new Proxy({} as NonNullable<UpdatesConfig['Mutation']>, {
  get(_target, name) {
    if (typeof name !== 'string' || UPDATED_IN_PLACE.has(name) || CHANGES_NOTHING.has(name)) return undefined;
    return (_result: unknown, args: { id?: string }, cache: Cache) => {
      const deleted = DELETES[name];
      if (deleted && args.id) cache.invalidate({ __typename: deleted, id: args.id });
      invalidateQueries(cache);
    };
  },
});

/**
 * The console's cache: objects with an id are stored once (normalised), so a
 * changed object shows everywhere it appears; objects without one are kept
 * inside their parent.
 */
export function createConsoleCache() {
  return cacheExchange({ updates: { Mutation: mutationUpdates } });
}
