import { badInput } from '../../errors.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import type { ServiceContext, SignedInContext } from '../service-context.ts';
import { listPrices as selectPrices, upsertPrice, type ModelPrice } from './budgets.store.ts';

export type { ModelPrice } from './budgets.store.ts';

export async function listPrices(ctx: ServiceContext): Promise<ModelPrice[]> {
  return selectPrices(ctx.em);
}

/**
 * Sets a gateway model's price per million tokens. Applies to chats settled
 * from now on: cost already settled keeps the price it was settled at.
 */
export async function setPrice(ctx: SignedInContext, model: string, inputPerMillion: number, outputPerMillion: number): Promise<ModelPrice> {
  if (!ctx.app.providers.modelNames.has(model)) throw badInput(`Unknown model "${model}"`, 'model');
  for (const [field, value] of [['inputPerMillion', inputPerMillion], ['outputPerMillion', outputPerMillion]] as const) {
    if (!Number.isFinite(value) || value < 0 || value > 1e12) throw badInput(`${field} must be a price from 0 up`, field);
  }
  return ctx.em.transactional(async (em) => {
    const { before, after } = await upsertPrice(em, model, inputPerMillion, outputPerMillion);
    appendAuditRecord(em, {
      actorId: ctx.viewer.userId,
      action: 'price.update',
      targetType: 'model',
      targetId: model,
      metadata: {
        currency: ctx.app.config.pricing.currency,
        changes: {
          inputPerMillion: { from: before?.inputPerMillion ?? null, to: after.inputPerMillion },
          outputPerMillion: { from: before?.outputPerMillion ?? null, to: after.outputPerMillion },
        },
      },
    });
    await em.flush();
    return after;
  });
}
