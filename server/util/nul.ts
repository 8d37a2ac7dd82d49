/**
 * Whether a JSON value holds a NUL character in any string or key. PostgreSQL
 * text cannot store one and refuses it with an internal error, so every door
 * refuses it first, as bad input.
 */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([key, item]) => key.includes('\0') || containsNul(item));
  return false;
}
