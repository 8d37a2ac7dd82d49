import { builder } from '../../builder.ts';
import { signedIn } from '../service-context.ts';
import { connectionArgs, connectionComplexity, connectionType } from '../../schema/connection.ts';
import { RoleType } from '../roles/roles.graphql.ts';
import { UserType } from '../users/users.graphql.ts';
import { budgetPeriod } from './budget-period.ts';
import type { AlertDelivery, BudgetAlert, BudgetWithSpend } from './budgets.store.ts';
import { budgetStatus, createBudget, deleteBudget, listBudgetAlerts, listBudgets, statusOf, updateBudget, type BudgetStatus } from './budgets.service.ts';
import { listPrices, setPrice, type ModelPrice } from './prices.service.ts';

const ModelPriceType = builder.objectRef<ModelPrice>('ModelPrice').implement({
  description: 'What a gateway model costs per million tokens; applies to chats settled after it was set',
  authScopes: { loggedIn: true },
  fields: (t) => ({
    model: t.exposeString('model'),
    inputPerMillion: t.exposeFloat('inputPerMillion'),
    outputPerMillion: t.exposeFloat('outputPerMillion'),
    currency: t.string({ resolve: (_p, _a, ctx) => ctx.app.config.pricing.currency }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updatedAt }),
  }),
});

const BudgetScopeEnum = builder.enumType('BudgetScope', {
  values: { USER: { description: 'One user' }, ROLE: { description: 'The users holding the role now' }, ORGANISATION: { description: 'Everyone' } },
});

const BudgetStatusType = builder.objectRef<BudgetStatus>('BudgetStatus').implement({
  description: 'Spend against a budget this calendar month (configured time zone), from settled chats',
  authScopes: { permission: 'budgets:read' },
  fields: (t) => ({
    period: t.exposeString('period', { description: 'YYYY-MM' }),
    spent: t.exposeFloat('spent'),
    remaining: t.exposeFloat('remaining'),
    percent: t.exposeFloat('percent'),
    thresholdsCrossed: t.exposeIntList('thresholdsCrossed'),
    exceeded: t.exposeBoolean('exceeded'),
    resetsAt: t.field({ type: 'DateTime', resolve: (s) => s.resetsAt }),
  }),
});

export const BudgetType = builder.objectRef<BudgetWithSpend>('Budget').implement({
  description: 'A monthly spending limit for a user, a role or the organisation',
  authScopes: { permission: 'budgets:read' },
  fields: (t) => ({
    id: t.exposeID('id'),
    scope: t.field({ type: BudgetScopeEnum, resolve: (b) => b.scope }),
    userId: t.id({ nullable: true, resolve: (b) => b.userId }),
    user: t.field({ type: UserType, nullable: true, resolve: (b, _a, ctx) => (b.userId ? ctx.loaders.userById.load(b.userId) : null) }),
    roleId: t.id({ nullable: true, resolve: (b) => b.roleId }),
    role: t.field({ type: RoleType, nullable: true, resolve: (b, _a, ctx) => (b.roleId ? ctx.loaders.roleById.load(b.roleId) : null) }),
    amount: t.exposeFloat('amount'),
    currency: t.string({ resolve: (_b, _a, ctx) => ctx.app.config.pricing.currency }),
    thresholds: t.exposeIntList('thresholds', { description: 'Percentages of the amount that raise an alert' }),
    hardStop: t.exposeBoolean('hardStop', { description: 'Refuse chats with BUDGET_EXCEEDED once the amount is spent' }),
    status: t.field({
      type: BudgetStatusType,
      resolve: (b, _a, ctx) => {
        const period = budgetPeriod(ctx.app.timezone);
        return statusOf(b, period.resetsAt, period.period);
      },
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (b) => b.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (b) => b.updatedAt }),
  }),
});

const AlertDeliveryType = builder.objectRef<AlertDelivery>('AlertDelivery').implement({
  description: 'One webhook delivery of an alert',
  authScopes: { permission: 'budgets:read' },
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Without its query string' }),
    format: t.exposeString('format', { description: 'json or wecom' }),
    status: t.exposeString('status', { description: 'pending, delivered or failed' }),
    attempts: t.exposeInt('attempts'),
    lastError: t.exposeString('lastError', { nullable: true }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.deliveredAt }),
  }),
});

const BudgetAlertType = builder.objectRef<BudgetAlert>('BudgetAlert').implement({
  description: 'A budget reaching one of its thresholds; raised once per budget, month and threshold',
  authScopes: { permission: 'budgets:read' },
  fields: (t) => ({
    id: t.exposeID('id'),
    budgetId: t.exposeID('budgetId', { nullable: true, description: 'Null once the budget is deleted' }),
    budget: t.field({ type: BudgetType, nullable: true, resolve: async (a, _args, ctx) => (a.budgetId ? ((await listBudgets(ctx, [a.budgetId]))[0] ?? null) : null) }),
    scope: t.field({ type: BudgetScopeEnum, resolve: (a) => a.scope as 'USER' }),
    target: t.exposeString('target', { nullable: true, description: 'User e-mail or role name' }),
    period: t.exposeString('period'),
    threshold: t.exposeInt('threshold'),
    spent: t.exposeFloat('spent'),
    amount: t.exposeFloat('amount'),
    currency: t.exposeString('currency'),
    at: t.field({ type: 'DateTime', resolve: (a) => a.at }),
    deliveries: t.field({ type: [AlertDeliveryType], resolve: (a) => a.deliveries }),
  }),
});

const BudgetAlertConnection = connectionType('BudgetAlert', BudgetAlertType);

const CreateBudgetInput = builder.inputType('CreateBudgetInput', {
  fields: (t) => ({
    scope: t.field({ type: BudgetScopeEnum, required: true }),
    userId: t.id({ description: 'For a USER budget' }),
    roleId: t.id({ description: 'For a ROLE budget' }),
    amount: t.float({ required: true, description: 'Per calendar month, in the configured currency' }),
    thresholds: t.intList({ description: 'Alert at these percentages (default 50, 80, 100)' }),
    hardStop: t.boolean({ description: 'Refuse chats once 100% is spent (default false)' }),
  }),
});

const UpdateBudgetInput = builder.inputType('UpdateBudgetInput', {
  fields: (t) => ({ amount: t.float(), thresholds: t.intList(), hardStop: t.boolean() }),
});

builder.queryFields((t) => ({
  prices: t.field({
    type: [ModelPriceType],
    description: 'Price per million tokens of each priced model (unpriced models cost 0)',
    authScopes: { loggedIn: true },
    resolve: (_root, _args, ctx) => listPrices(ctx),
  }),
  budgets: t.field({
    type: [BudgetType],
    authScopes: { permission: 'budgets:read' },
    resolve: (_root, _args, ctx) => listBudgets(ctx),
  }),
  budgetStatus: t.field({
    type: BudgetStatusType,
    authScopes: { permission: 'budgets:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => budgetStatus(ctx, String(args.id)),
  }),
  budgetAlerts: t.field({
    type: BudgetAlertConnection,
    description: 'Alerts raised, newest first',
    authScopes: { permission: 'budgets:read' },
    args: { budgetId: t.arg.id(), ...connectionArgs(t) },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx) => listBudgetAlerts(ctx, args.budgetId ? String(args.budgetId) : null, args.first, args.after),
  }),
}));

builder.mutationFields((t) => ({
  setPrice: t.field({
    type: ModelPriceType,
    description: 'Sets a model price; chats settled from now on are priced with it (settled cost is not rewritten)',
    authScopes: { permission: 'budgets:write' },
    args: { model: t.arg.string({ required: true }), inputPerMillion: t.arg.float({ required: true }), outputPerMillion: t.arg.float({ required: true }) },
    resolve: (_root, args, ctx) => setPrice(signedIn(ctx), args.model, args.inputPerMillion, args.outputPerMillion),
  }),
  createBudget: t.field({
    type: BudgetType,
    authScopes: { permission: 'budgets:write' },
    args: { input: t.arg({ type: CreateBudgetInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      createBudget(signedIn(ctx), { ...input, userId: input.userId ? String(input.userId) : null, roleId: input.roleId ? String(input.roleId) : null }),
  }),
  updateBudget: t.field({
    type: BudgetType,
    authScopes: { permission: 'budgets:write' },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateBudgetInput, required: true }) },
    resolve: (_root, args, ctx) => updateBudget(signedIn(ctx), String(args.id), args.input),
  }),
  deleteBudget: t.boolean({
    authScopes: { permission: 'budgets:write' },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await deleteBudget(signedIn(ctx), String(args.id));
      return true;
    },
  }),
}));

builder.subscriptionField('budgetAlerts', (t) =>
  t.field({
    type: BudgetAlertType,
    description: 'Budget alerts as they are raised (by any gateway instance; within a few seconds when another instance raised it)',
    authScopes: { permission: 'budgets:read' },
    subscribe: (_root, _args, ctx) => ctx.app.budgets.monitor.pubsub.subscribe('budgetAlert'),
    resolve: (alert) => alert,
  }),
);
