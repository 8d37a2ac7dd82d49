import { builder } from '../../builder.ts';
import { connectionArgs, connectionComplexity, connectionType } from '../../schema/connection.ts';
import { badInput } from '../../errors.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../util/cursor.ts';
import { RoleType } from '../roles/roles.graphql.ts';
import { Role } from '../roles/role.entity.ts';
import { UserType } from '../users/users.graphql.ts';
import { DETECTOR_IDS } from './dlp.types.ts';
import { DLP_ACTIONS } from './policy-cache.ts';
import { clearDlpPolicy, setDlpPolicy } from './dlp.service.ts';

const DlpDetector = builder.enumType('DlpDetector', { values: DETECTOR_IDS.map((d) => d.toUpperCase()) as string[] });
const DlpActionEnum = builder.enumType('DlpAction', {
  values: DLP_ACTIONS,
  description: 'ALLOW: ignore; LOG: record an event; REDACT: send a placeholder upstream; BLOCK: refuse with DLP_BLOCKED',
});

interface PolicyRow {
  id: string;
  role_id: string | null;
  detector: string;
  action: (typeof DLP_ACTIONS)[number];
  updated_at: Date;
}

const DlpPolicyType = builder.objectRef<PolicyRow>('DlpPolicy').implement({
  authScopes: { permission: 'dlp:read' },
  fields: (t) => ({
    id: t.exposeID('id'),
    roleId: t.id({ nullable: true, description: 'null: the organisation default', resolve: (p) => p.role_id }),
    role: t.field({ type: RoleType, nullable: true, resolve: (p, _a, ctx) => (p.role_id ? ctx.em.findOne(Role, { id: p.role_id }) : null) }),
    detector: t.field({ type: DlpDetector, resolve: (p) => p.detector.toUpperCase() }),
    action: t.field({ type: DlpActionEnum, resolve: (p) => p.action }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updated_at }),
  }),
});

interface EventRow {
  id: string;
  at: Date;
  user_id: string | null;
  detector: string;
  kind: string | null;
  action: string;
  count: number;
  model: string | null;
  request_id: string | null;
}

const DlpEventType = builder.objectRef<EventRow>('DlpEvent').implement({
  description: 'A detector hit in a prompt: what and how many, never the matched text',
  authScopes: { permission: 'dlp:read' },
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    userId: t.id({ nullable: true, resolve: (e) => e.user_id }),
    user: t.field({ type: UserType, nullable: true, resolve: (e, _a, ctx) => (e.user_id ? ctx.loaders.userById.load(e.user_id) : null) }),
    detector: t.field({ type: DlpDetector, resolve: (e) => e.detector.toUpperCase() }),
    kind: t.exposeString('kind', { nullable: true }),
    action: t.field({ type: DlpActionEnum, resolve: (e) => e.action as (typeof DLP_ACTIONS)[number] }),
    count: t.exposeInt('count'),
    model: t.exposeString('model', { nullable: true }),
    requestId: t.exposeString('request_id', { nullable: true }),
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
    resolve: (_root, _args, ctx) => ctx.em.execute<PolicyRow[]>('select * from dlp_policy order by role_id nulls first, detector'),
  }),
  dlpEvents: t.field({
    type: DlpEventConnection,
    authScopes: { permission: 'dlp:read' },
    args: { filter: t.arg({ type: DlpEventFilter }), ...connectionArgs(t) },
    complexity: connectionComplexity,
    resolve: async (_root, args, ctx) => {
      const size = pageSize(args.first);
      const f = args.filter ?? {};
      let before: string | null = null;
      if (args.after) {
        before = String(decodeCursor(args.after, 1)[0]);
        if (!/^\d+$/.test(before)) throw badInput('Invalid cursor', 'after');
      }
      const where = `where (?::uuid is null or user_id = ?::uuid) and (?::text is null or detector = ?) and (?::timestamptz is null or at >= ?) and (?::timestamptz is null or at <= ?)`;
      const params = [f.userId ?? null, f.userId ?? null, f.detector?.toLowerCase() ?? null, f.detector?.toLowerCase() ?? null, f.from ?? null, f.from ?? null, f.to ?? null, f.to ?? null];
      const rows = await ctx.em.execute<EventRow[]>(`select * from dlp_event ${where} and (?::bigint is null or id < ?::bigint) order by id desc limit ${size + 1}`, [...params, before, before]);
      const edges = rows.slice(0, size).map((node) => ({ node, cursor: encodeCursor([String(node.id)]) }));
      return {
        edges,
        pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
        totalCount: async () => Number((await ctx.em.execute<{ n: string }[]>(`select count(*) as n from dlp_event ${where}`, params))[0].n),
      };
    },
  }),
}));

builder.mutationFields((t) => ({
  setDlpPolicy: t.field({
    type: [DlpPolicyType],
    description: 'Sets what happens when a detector fires, for a role or (roleId omitted) the organisation default; returns all policies',
    authScopes: { permission: 'dlp:write' },
    args: { roleId: t.arg.id(), detector: t.arg({ type: DlpDetector, required: true }), action: t.arg({ type: DlpActionEnum, required: true }) },
    resolve: async (_root, args, ctx) => {
      await setDlpPolicy(ctx, args.roleId ? String(args.roleId) : null, args.detector.toLowerCase(), args.action);
      return ctx.em.execute<PolicyRow[]>('select * from dlp_policy order by role_id nulls first, detector');
    },
  }),
  clearDlpPolicy: t.boolean({
    description: "Removes a role's policy for a detector; the organisation default applies again",
    authScopes: { permission: 'dlp:write' },
    args: { roleId: t.arg.id({ required: true }), detector: t.arg({ type: DlpDetector, required: true }) },
    resolve: async (_root, args, ctx) => {
      await clearDlpPolicy(ctx, String(args.roleId), args.detector.toLowerCase());
      return true;
    },
  }),
}));
