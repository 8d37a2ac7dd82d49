import { builder } from '../../builder.ts';
import { connectionArgs, connectionComplexity, connectionType } from '../../schema/connection.ts';
import { signedIn } from '../service-context.ts';
import { redactedUrl } from '../budgets/webhooks.ts';
import { createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, testWebhook, updateWebhook, type WebhookInput, type WebhookTestResult } from './webhooks.service.ts';
import type { StoredWebhook, WebhookDelivery } from './webhooks.store.ts';

// Webhooks carry budget alerts: the people who read budgets see where alerts go, those who change budgets change it.
const READ = { permission: 'budgets:read' } as const;
const WRITE = { permission: 'budgets:write' } as const;

const WebhookFormatEnum = builder.enumType('WebhookFormat', {
  values: {
    JSON: { value: 'json', description: 'A JSON POST, signed with x-zero-signature when a secret is configured' },
    WECOM: { value: 'wecom', description: 'A WeCom (企业微信) group robot markdown message' },
  },
});

const WebhookDeliveryType = builder.objectRef<WebhookDelivery>('WebhookDelivery').implement({
  description: 'One try to post to a webhook',
  authScopes: READ,
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.field({ type: 'DateTime', resolve: (d) => d.at }),
    kind: t.string({ description: 'alert or test', resolve: (d) => d.kind }),
    alertId: t.id({ nullable: true, resolve: (d) => d.alertId }),
    ok: t.boolean({ resolve: (d) => d.status === 'delivered' }),
    attempt: t.int({ description: 'Which try of the alert this was (1 for a test)', resolve: (d) => d.attempt }),
    error: t.string({ nullable: true, description: 'Why the receiver did not take it (status and the start of its answer)', resolve: (d) => d.error }),
    latencyMs: t.int({ resolve: (d) => d.latencyMs }),
  }),
});

const WebhookDeliveryConnection = connectionType('WebhookDelivery', WebhookDeliveryType);

const WebhookType = builder.objectRef<StoredWebhook>('Webhook').implement({
  description: 'Where budget alerts are posted',
  authScopes: READ,
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.string({ description: 'The address without its query string (a WeCom robot key lives there and is never shown)', resolve: (w) => redactedUrl(w.url) }),
    hasQuery: t.boolean({ description: 'The stored address has a query string (kept, not shown)', resolve: (w) => new URL(w.url).search.length > 1 }),
    format: t.field({ type: WebhookFormatEnum, resolve: (w) => w.format }),
    secretEnv: t.string({ nullable: true, description: 'The environment variable holding the signing secret; the secret is never stored', resolve: (w) => w.secretEnv }),
    secretSet: t.boolean({ description: 'Whether that variable is set on this instance', resolve: (w) => Boolean(w.secretEnv && process.env[w.secretEnv]) }),
    description: t.exposeString('description'),
    enabled: t.exposeBoolean('enabled'),
    createdAt: t.field({ type: 'DateTime', resolve: (w) => w.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (w) => w.updatedAt }),
    deliveries: t.field({
      type: WebhookDeliveryConnection,
      description: 'Every try to reach it, alerts and tests, newest first',
      args: connectionArgs(t),
      complexity: connectionComplexity,
      resolve: (w, args, ctx) => listWebhookDeliveries(ctx, w.id, args.first, args.after),
    }),
  }),
});

const WebhookTestResultType = builder.objectRef<WebhookTestResult>('WebhookTestResult').implement({
  authScopes: WRITE,
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    error: t.string({ nullable: true, resolve: (r) => r.error }),
    latencyMs: t.int({ resolve: (r) => Math.round(r.latencyMs) }),
  }),
});

const WebhookInputType = builder.inputType('WebhookInput', {
  fields: (t) => ({
    url: t.string({ description: 'http or https; on update, omit to keep the stored address (and its query string)' }),
    format: t.field({ type: WebhookFormatEnum }),
    secretEnv: t.string({ description: 'Environment variable with the HMAC secret for JSON posts; empty for none' }),
    description: t.string(),
    enabled: t.boolean(),
  }),
});

builder.queryFields((t) => ({
  webhooks: t.field({ type: [WebhookType], description: 'The alert webhooks, oldest first', authScopes: READ, resolve: (_r, _a, ctx) => listWebhooks(ctx) }),
  webhook: t.field({
    type: WebhookType,
    nullable: true,
    authScopes: READ,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => (await listWebhooks(ctx)).find((w) => w.id === String(args.id)) ?? null,
  }),
}));

const toInput = (i: { url?: string | null; format?: 'json' | 'wecom' | null; secretEnv?: string | null; description?: string | null; enabled?: boolean | null }): WebhookInput => i;

builder.mutationFields((t) => ({
  createWebhook: t.field({
    type: WebhookType,
    description: 'Adds a webhook for budget alerts; audited as webhook.create',
    authScopes: WRITE,
    args: { input: t.arg({ type: WebhookInputType, required: true }) },
    resolve: (_r, { input }, ctx) => createWebhook(signedIn(ctx), toInput(input)),
  }),
  updateWebhook: t.field({
    type: WebhookType,
    description: 'Changes a webhook; audited as webhook.update',
    authScopes: WRITE,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: WebhookInputType, required: true }) },
    resolve: (_r, args, ctx) => updateWebhook(signedIn(ctx), String(args.id), toInput(args.input)),
  }),
  deleteWebhook: t.boolean({
    description: 'Removes a webhook and its delivery log; audited as webhook.delete',
    authScopes: WRITE,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => {
      await deleteWebhook(signedIn(ctx), String(args.id));
      return true;
    },
  }),
  testWebhook: t.field({
    type: WebhookTestResultType,
    description: 'Posts one test message now and logs the try; audited as webhook.test',
    authScopes: WRITE,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => testWebhook(signedIn(ctx), String(args.id)),
  }),
}));
