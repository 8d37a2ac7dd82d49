import { screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { DlpEventsTable, type DlpEventRow } from './DlpEventsTable.tsx';

const event = (over: Partial<DlpEventRow>): DlpEventRow => ({
  id: '1',
  at: '2026-11-26T08:05:09.000Z',
  detector: 'EMAIL',
  kind: null,
  action: 'LOG',
  count: 1,
  model: 'mock-small',
  user: { id: 'u1', name: '李伟', email: 'li.wei@example.cn' },
  ...over,
});

describe('DlpEventsTable', () => {
  it('names the detector and shows what the policy did, as a coloured badge', () => {
    renderWithI18n(() => (
      <DlpEventsTable
        caption="DLP"
        footer="3 in total"
        events={[event({ id: '1', detector: 'SECRET', kind: 'openai_key', action: 'BLOCK' }), event({ id: '2', detector: 'BANK_CARD', action: 'REDACT', count: 2 }), event({ id: '3' })]}
      />
    ));
    const rows = screen.getAllByTestId('dlp-row');
    expect(rows.map((r) => r.querySelectorAll('td')[2].textContent)).toEqual(['Secret or key · OpenAI key', 'Bank card number', 'E-mail address']);
    expect(rows.map((r) => r.querySelectorAll('td')[3].textContent)).toEqual(['mock-small', 'mock-small', 'mock-small']);
    const badges = rows.map((r) => r.querySelector('[data-action]')!);
    expect(badges.map((b) => b.textContent)).toEqual(['Blocked', 'Redacted', 'Logged']);
    expect(badges.map((b) => b.className)).toEqual(['badge badge-danger', 'badge badge-warning', 'badge badge-info']);
    expect(rows[1].querySelectorAll('td')[5].textContent).toBe('2');
    expect(screen.getByText('3 in total')).toBeTruthy();
  });

  it('says so when nothing was found', () => {
    renderWithI18n(() => <DlpEventsTable caption="DLP" events={[]} />);
    expect(screen.getByText(/No DLP hits yet/)).toBeTruthy();
  });
});
