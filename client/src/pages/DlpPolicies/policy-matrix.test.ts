import { describe, expect, it } from 'vitest';
import { policyMatrix } from './policy-matrix.ts';

describe('DLP policy matrix', () => {
  it('puts the organisation default first, then roles by name, with each detector as a row', () => {
    const { columns, rows } = policyMatrix(
      [
        { detector: 'EMAIL', action: 'LOG', roleId: null },
        { detector: 'EMAIL', action: 'ALLOW', roleId: 'r2' },
      ],
      [
        { id: 'r2', name: 'support', builtIn: false },
        { id: 'r1', name: 'admin', builtIn: true },
      ],
    );
    expect(columns.map((c) => c.roleId)).toEqual([null, 'r1', 'r2']);
    expect(rows.find((r) => r.detector === 'EMAIL')!.actions).toEqual({ org: 'LOG', r2: 'ALLOW' });
    expect(rows.find((r) => r.detector === 'SECRET')!.actions).toEqual({});
  });

  it('still shows a role override when the reader may not list roles', () => {
    const { columns } = policyMatrix([{ detector: 'PHONE', action: 'REDACT', roleId: 'r9', role: { id: 'r9', name: 'finance', builtIn: false } }], undefined);
    expect(columns.map((c) => c.role?.name ?? null)).toEqual([null, 'finance']);
  });
});
