import { query, setQuery } from './router.tsx';

/**
 * A page's filters kept in the address (`?status=ACTIVE&q=li`), so a reload, Back
 * from a detail page or a shared link shows the same list. Only the names in
 * `defaults` are read; a value equal to its default is left out of the address.
 */
export function createUrlState<T extends Record<string, string>>(defaults: T): [state: () => T, set: (patch: Partial<T>) => void] {
  const state = () => {
    const q = query();
    const out = { ...defaults };
    for (const name of Object.keys(defaults) as (keyof T & string)[]) if (q[name] !== undefined) out[name] = q[name] as T[typeof name];
    return out;
  };
  const set = (patch: Partial<T>) =>
    setQuery(Object.fromEntries(Object.entries(patch).map(([name, value]) => [name, value === defaults[name] ? null : value])));
  return [state, set];
}
