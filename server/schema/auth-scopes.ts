import type { Context } from '../context.ts';

/**
 * Type-level scope of objects reached only through a field that was already
 * authorized (a user's quota, roles, keys; pages of them): any signed-in
 * caller, or, inside the `login` that just signed a user in, that user, whose
 * payload may show everything they can read about themselves.
 */
export const signedInOrJustSignedIn = (_parent: unknown, ctx: Context) => (ctx.signedInUserId ? true : { loggedIn: true as const });
