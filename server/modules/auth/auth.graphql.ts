import { builder } from '../../builder.ts';
import { UserType } from '../users/users.graphql.ts';
import { login, logout, type LoginResult } from './auth.service.ts';
import { clientSource } from './source-address.ts';

const LoginPayload = builder.objectRef<LoginResult>('LoginPayload').implement({
  authScopes: { public: true },
  fields: (t) => ({
    token: t.string({ description: 'Session token; send as "Authorization: Bearer <token>"', resolve: (r) => r.token }),
    expiresAt: t.field({ type: 'DateTime', resolve: (r) => r.expiresAt }),
    // The caller just proved who they are: everything they may read about themselves resolves here.
    user: t.field({ type: UserType, resolve: (r) => r.user, authScopes: { public: true } }),
  }),
});

builder.mutationFields((t) => ({
  login: t.field({
    type: LoginPayload,
    authScopes: { public: true },
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const result = await login(ctx, args.email, args.password, clientSource(ctx));
      ctx.signedInUserId = result.user.id;
      return result;
    },
  }),
  logout: t.boolean({
    authScopes: { loggedIn: true },
    resolve: (_root, _args, ctx) => logout(ctx),
  }),
}));
