import { builder } from '../../builder.ts';
import { signedIn } from '../service-context.ts';
import { AttemptType } from './chat.graphql.ts';
import type { EmbedOutput } from './embed-texts.ts';

const EmbedInputType = builder.inputType('EmbedInput', {
  fields: (t) => ({
    model: t.string({ required: true, description: 'A gateway model name whose capabilities include embeddings' }),
    input: t.stringList({ required: true, description: 'The texts to embed (DLP-screened like prompts)' }),
    dimensions: t.int({ description: 'Vector size, where the model can shorten its vectors' }),
    endUser: t.string(),
  }),
});

const EmbeddingType = builder.objectRef<{ index: number; vector: number[] }>('Embedding').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'The position of its text in the input' }),
    vector: t.floatList({ resolve: (e) => e.vector }),
  }),
});

const EmbedResultType = builder.objectRef<EmbedOutput>('EmbedResult').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({
    embeddings: t.field({ type: [EmbeddingType], description: 'One vector per input text, in order', resolve: (r) => r.embeddings.map((vector, index) => ({ index, vector })) }),
    inputTokens: t.int({ resolve: (r) => r.usage.inputTokens }),
    provider: t.exposeString('provider'),
    model: t.exposeString('model', { description: "The provider's model id that answered" }),
    requestedModel: t.exposeString('requestedModel'),
    attempts: t.field({ type: [AttemptType], resolve: (r) => r.attempts }),
    requestId: t.exposeString('requestId'),
    auditId: t.id({ nullable: true, resolve: (r) => r.auditId }),
  }),
});

builder.mutationField('embed', (t) =>
  t.field({
    type: EmbedResultType,
    description: 'Embeds texts: metered as input tokens against the quota and budgets, audited with the input hash, routed with retries and fallback',
    authScopes: { permission: 'chat' },
    args: { input: t.arg({ type: EmbedInputType, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.app.embeddings.embed(signedIn(ctx), { model: input.model, input: input.input, dimensions: input.dimensions, endUser: input.endUser }, { signal: ctx.signal, via: 'mutation' }),
  }),
);
