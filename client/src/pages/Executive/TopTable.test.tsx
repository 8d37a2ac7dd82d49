import { screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { DlpCountsTable, TopTable } from './TopTable.tsx';

describe('TopTable', () => {
  it('lists each key with its tokens and requests, failures under the requests in red', () => {
    renderWithI18n(() => (
      <TopTable
        title="Top users"
        dimension="User"
        icon="users"
        testId="top-users"
        rows={[
          { key: 'u1', label: '李伟', sublabel: 'li.wei@example.cn', inputTokens: 1500, outputTokens: 500, requests: 12, errors: 2 },
          { key: 'u2', label: 'Ann', sublabel: null, inputTokens: 10, outputTokens: 5, requests: 1, errors: 0 },
        ]}
      />
    ));
    const rows = screen.getAllByTestId('top-row');
    expect(rows[0].querySelector('th')!.textContent).toBe('李伟li.wei@example.cn');
    expect(rows[0].querySelectorAll('td')[0].textContent).toBe('2,000');
    expect(rows[0].querySelector('[data-testid=top-errors]')!.textContent).toBe('2 failed');
    expect(rows[1].querySelector('[data-testid=top-errors]')).toBeNull();
    expect(screen.getByRole('table').querySelector('caption')!.textContent).toBe('Top users');
  });

  it('shows loading, then an empty state without chats', () => {
    const { unmount } = renderWithI18n(() => <TopTable title="Top models" dimension="Model" icon="sparkles" testId="t" rows={undefined} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    unmount();
    renderWithI18n(() => <TopTable title="Top models" dimension="Model" icon="sparkles" testId="t" rows={[]} />, 'zh-CN');
    expect(screen.getByText('该时间范围内没有对话。')).toBeTruthy();
  });
});

describe('DlpCountsTable', () => {
  it('names detectors and actions in the chosen language', () => {
    renderWithI18n(() => <DlpCountsTable rows={[{ detector: 'SECRET', action: 'BLOCK', events: 3, hits: 4 }]} />, 'zh-CN');
    const [row] = screen.getAllByTestId('dlp-count-row');
    expect(row.querySelector('th')!.textContent).toBe('密钥或凭证');
    expect(row.querySelector('.badge')!.textContent).toBe('已拦截');
    expect(row.querySelector('.badge')!.className).toContain('badge-danger');
  });
});
