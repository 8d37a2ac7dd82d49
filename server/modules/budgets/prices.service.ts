import type { Pool } from 'pg';
import type { PricingConfig } from '../../config/index.ts';
import { badInput } from '../../errors.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';

export interface ModelPrice {
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
  updatedAt: Date;
}

interface PriceDbRow {
  model: string;
  input_per_million: string;
  output_per_million: string;
  updated_at: Date;
}

const toPrice = (r: PriceDbRow): ModelPrice => ({ model: r.model, inputPerMillion: Number(r.input_per_million), outputPerMillion: Number(r.output_per_million), updatedAt: r.updated_at });

/**
 * Seeds the price table from the config for models it does not price yet. A
 * price already in the table (set through `setPrice`) wins, so edits survive restarts.
 */
export async function seedPrices(pool: Pool, pricing: PricingConfig): Promise<void> {
  const entries = Object.entries(pricing.models);
  if (entries.length === 0) return;
  await pool.query({
    text: `insert into model_price (model, input_per_million, output_per_million)
           select * from unnest($1::text[], $2::numeric[], $3::numeric[]) on conflict (model) do nothing`,
    values: [entries.map(([m]) => m), entries.map(([, p]) => p.inputPerMillion), entries.map(([, p]) => p.outputPerMillion)],
  });
}

export async function listPrices(ctx: ServiceContext): Promise<ModelPrice[]> {
  return (await ctx.em.execute<PriceDbRow[]>('select * from model_price order by model')).map(toPrice);
}

/**
 * Sets a gateway model's price per million tokens. Applies to chats settled
 * from now on: cost already settled keeps the price it was settled at.
 */
export async function setPrice(ctx: ServiceContext, model: string, inputPerMillion: number, outputPerMillion: number): Promise<ModelPrice> {
  if (!ctx.app.providers.modelNames.has(model)) throw badInput(`Unknown model "${model}"`, 'model');
  for (const [field, value] of [['inputPerMillion', inputPerMillion], ['outputPerMillion', outputPerMillion]] as const) {
    if (!Number.isFinite(value) || value < 0 || value > 1e12) throw badInput(`${field} must be a price from 0 up`, field);
  }
  return ctx.em.transactional(async (em) => {
    const [before] = await em.execute<PriceDbRow[]>('select * from model_price where model = ? for update', [model]);
    const [row] = await em.execute<PriceDbRow[]>(
      `insert into model_price (model, input_per_million, output_per_million, updated_at) values (?, ?, ?, now())
       on conflict (model) do update set input_per_million = excluded.input_per_million, output_per_million = excluded.output_per_million, updated_at = now()
       returning *`,
      [model, inputPerMillion, outputPerMillion],
    );
    const after = toPrice(row);
    appendAuditRecord(em, {
      actorId: ctx.viewer!.userId,
      action: 'price.update',
      targetType: 'model',
      targetId: model,
      metadata: {
        currency: ctx.app.config.pricing.currency,
        changes: {
          inputPerMillion: { from: before ? Number(before.input_per_million) : null, to: after.inputPerMillion },
          outputPerMillion: { from: before ? Number(before.output_per_million) : null, to: after.outputPerMillion },
        },
      },
    });
    await em.flush();
    return after;
  });
}
