import { badInput } from '../errors.ts';
import { DATE_TIME_EXPECTED, DAY_EXPECTED, UUID, readDateTime, readDay } from '../schema/scalar-values.ts';

/**
 * Query-string and path parameters read as strictly as GraphQL reads its
 * arguments (same scalars, same messages), each refusal a BAD_USER_INPUT that
 * names the parameter.
 */
export const params = {
  wholeNumber(url: URL, name: string): number | undefined {
    const raw = url.searchParams.get(name);
    if (raw === null) return undefined;
    if (!/^\d+$/.test(raw)) throw badInput(`${name} must be a whole number`, name);
    return Number(raw);
  },

  /** One of `values` (case-insensitive), upper-cased; `fallback` when absent. */
  oneOf<T extends string>(url: URL, name: string, values: readonly T[], fallback?: T): T | undefined {
    const raw = url.searchParams.get(name)?.toUpperCase() ?? fallback;
    if (raw === undefined) return undefined;
    if (!values.includes(raw as T)) throw badInput(`${name} must be one of ${values.map((v) => v.toLowerCase()).join(', ')}`, name);
    return raw as T;
  },

  /** A comma-separated list of `values` (case-insensitive). */
  listOf<T extends string>(url: URL, name: string, values: readonly T[], fallback: T[]): T[] {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    const items = raw.split(',').map((v) => v.trim().toUpperCase()).filter(Boolean);
    const wrong = items.find((v) => !values.includes(v as T));
    if (wrong !== undefined) throw badInput(`${name} takes ${values.map((v) => v.toLowerCase()).join(', ')} (comma-separated), not ${wrong.toLowerCase()}`, name);
    return items as T[];
  },

  dateTime(name: string, raw: string): Date {
    const value = readDateTime(raw);
    if (!value) throw badInput(`${name} must be ${DATE_TIME_EXPECTED}`, name);
    return value;
  },

  day(url: URL, name: string): string | null {
    const raw = url.searchParams.get(name);
    if (raw === null) return null;
    const value = readDay(raw);
    if (!value) throw badInput(`${name} must be ${DAY_EXPECTED}`, name);
    return value;
  },

  id(name: string, raw: string): string {
    if (!UUID.test(raw)) throw badInput(`${name} is not a valid id`, name);
    return raw;
  },

  optionalId(url: URL, name: string): string | null {
    const raw = url.searchParams.get(name);
    return raw === null ? null : params.id(name, raw);
  },
};
