import type { Pool } from 'pg';

/** Every role's id and name (metrics label tokens by role name). */
export async function roleNames(pool: Pool): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ id: string; name: string }>({ name: 'role-names', text: 'select id, name from role' });
  return new Map(rows.map((r) => [r.id, r.name]));
}
