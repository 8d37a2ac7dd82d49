import type { PricesPageQuery } from '../../gql/graphql.ts';

export interface PriceRow {
  model: string;
  /** null: not priced (chats with it cost nothing). */
  inputPerMillion: number | null;
  outputPerMillion: number | null;
  updatedAt: string | null;
}

/** Every gateway model, priced or not, plus any priced model no longer served; by name. */
export function priceRows(data: PricesPageQuery): PriceRow[] {
  const prices = new Map(data.prices.map((p) => [p.model, p]));
  const names = [...new Set([...data.models.map((m) => m.name), ...prices.keys()])].sort();
  return names.map((model) => {
    const p = prices.get(model);
    return { model, inputPerMillion: p?.inputPerMillion ?? null, outputPerMillion: p?.outputPerMillion ?? null, updatedAt: p?.updatedAt ?? null };
  });
}

/** A price per million tokens: 0 or more, up to four decimals (thousands separators allowed). */
export function parsePrice(text: string): number | null {
  const cleaned = text.trim().replace(/[,，_\s]/g, '');
  if (!/^\d+(\.\d{1,4})?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value <= 1e12 ? value : null;
}
