import { builder } from '../../builder.ts';
import { signedIn } from '../service-context.ts';
import { connectionArgs, connectionComplexity, connectionType } from '../../schema/connection.ts';
import { RoleType } from '../roles/roles.graphql.ts';
import { UserType } from '../users/users.graphql.ts';
import { DETECTOR_IDS } from './dlp.types.ts';
import { DLP_ACTIONS, listDlpPolicies, type DlpEvent, type DlpPolicy } from './dlp.store.ts';
import { clearDlpPolicy, listDlpEvents, setDlpPolicy } from './dlp.service.ts';

const DlpDetector = builder.enumType('DlpDetector', { values: DETECTOR_IDS.map((d) => d.toUpperCase()) as string[] });
const DlpActionEnum = builder.enumType('DlpAction', {
  values: DLP_ACTIONS,
  description: 'ALLOW: ignore; LOG: record an event; REDACT: send a placeholder upstream; BLOCK: refuse with DLP_BLOCKED',
});

const DlpPolicyType = builder.objectRef<DlpPolicy>('DlpPolicy').implement({
  authScopes: { permission: 'dlp:read' },
  fields: (t) => ({
    id: t.exposeID('id'),
    roleId: t.id({ nullable: true, description: 'null: the organisation default', resolve: (p) => p.roleId }),
    role: t.field({ type: RoleType, nullable: true, resolve: (p, _a, ctx) => (p.roleId ? ctx.loaders.roleById.load(p.roleId) : null) }),
    detector: t.field({ type: DlpDetector, resolve: (p) => p.detector.toUpperCase() }),
    action: t.field({ type: DlpActionEnum, resolve: (p) => p.action }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updatedAt }),
  }),
});

const DlpEventType = builder.objectRef<DlpEvent>('DlpEvent').implement({
  description: 'A detector hit in a prompt: what and how many, never the matched text',
  authScopes: { permission: 'dlp:read' },
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    userId: t.id({ nullable: true, resolve: (e) => e.userId }),
    user: t.field({ type: UserType, nullable: true, resolve: (e, _a, ctx) => (e.userId ? ctx.loaders.userById.load(e.userId) : null) }),
    detector: t.field({ type: DlpDetector, resolve: (e) => e.detector.toUpperCase() }),
    kind: t.exposeString('kind', { nullable: true }),
    action: t.field({ type: DlpActionEnum, resolve: (e) => e.action }),
    count: t.exposeInt('count'),
    model: t.exposeString('model', { nullable: true }),
    requestId: t.exposeString('requestId', { nullable: true }),
    unscreenedImages: t.exposeInt('unscreenedImages', { description: 'Images the prompt carried: DLP screens text only, so these passed unscreened' }),
  }),
});

const DlpEventConnection = connectionType('DlpEvent', DlpEventType);

const DlpEventFilter = builder.inputType('DlpEventFilter', {
  fields: (t) => ({
    userId: t.id(),
    detector: t.field({ type: DlpDetector }),
    from: t.field({ type: 'DateTime' }),
    to: t.field({ type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  dlpPolicies: t.field({
    type: [DlpPolicyType],
    description: 'The organisation default (roleId null) and per-role overrides',
    authScopes: { permission: 'dlp:read' },
    resolve: (_root, _args, ctx) => listDlpPolicies(ctx.app.sql.durable),
  }),
  dlpEvents: t.field({
    type: DlpEventConnection,
    authScopes: { permission: 'dlp:read' },
    args: { filter: t.arg({ type: DlpEventFilter }), ...connectionArgs(t) },
    complexity: connectionComplexity,
    resolve: (_root, { filter, first, after }, ctx) =>
      listDlpEvents(ctx, { userId: filter?.userId ? String(filter.userId) : null, detector: filter?.detector?.toLowerCase(), from: filter?.from, to: filter?.to }, first, after),
  }),
}));

builder.mutationFields((t) => ({
  setDlpPolicy: t.field({
    type: [DlpPolicyType],
    description: 'Sets what happens when a detector fires, for a role or (roleId omitted) the organisation default; returns all policies',
    authScopes: { permission: 'dlp:write' },
    args: { roleId: t.arg.id(), detector: t.arg({ type: DlpDetector, required: true }), action: t.arg({ type: DlpActionEnum, required: true }) },
    resolve: async (_root, args, ctx) => {
      await setDlpPolicy(signedIn(ctx), args.roleId ? String(args.roleId) : null, args.detector.toLowerCase(), args.action);
      return listDlpPolicies(ctx.app.sql.durable);
    },
  }),
  clearDlpPolicy: t.boolean({
    description: "Removes a role's policy for a detector; the organisation default applies again",
    authScopes: { permission: 'dlp:write' },
    args: { roleId: t.arg.id({ required: true }), detector: t.arg({ type: DlpDetector, required: true }) },
    resolve: async (_root, args, ctx) => {
      await clearDlpPolicy(signedIn(ctx), String(args.roleId), args.detector.toLowerCase());
      return true;
    },
  }),
}));
