import { screen, within } from '@solidjs/testing-library';
import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { ChatErrorPanel } from './ChatErrorPanel.tsx';

const gqlError = (message: string, extensions: Record<string, unknown>) => new CombinedError({ graphQLErrors: [{ message, extensions }] });

describe('ChatErrorPanel', () => {
  it('says what went wrong in its own words, from the code and the field, and keeps the code for support', () => {
    renderWithI18n(() => <ChatErrorPanel error={gqlError('Unknown model "nope"', { code: 'BAD_USER_INPUT', field: 'model' })} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Something went wrong')).toBeTruthy();
    expect(within(alert).getByText('The gateway does not serve this model.').getAttribute('data-code')).toBe('BAD_USER_INPUT');
    expect(alert.textContent).not.toContain('Unknown model');
  });

  it('never shows the English message in Chinese', () => {
    renderWithI18n(() => <ChatErrorPanel error={gqlError('The prompt was blocked by data-protection policy: it contains email', { code: 'DLP_BLOCKED', detectors: ['EMAIL', 'SECRET'] })} />, 'zh-CN');
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('已被数据保护拦截')).toBeTruthy();
    expect(within(alert).getByText('提示词包含电子邮箱、密钥或凭证，已被数据保护策略拦截。')).toBeTruthy();
    expect(alert.textContent).not.toMatch(/blocked|policy/);
  });

  it('shows what is left of a spent quota and when it resets', () => {
    const resetsAt = new Date(Date.now() + 5 * 3_600_000 + 60_000).toISOString();
    const message = `Daily input token quota exceeded: this request needs about 40, 10 of 1000 remain today; resets at ${resetsAt}`;
    renderWithI18n(() => (
      <ChatErrorPanel
        error={gqlError(message, { code: 'QUOTA_EXCEEDED', limit: 'DAILY_INPUT', limitTokens: 1000, usedTokens: 990, remainingTokens: 10, requestedTokens: 40, resetsAt })}
      />
    ));
    expect(screen.getByText('Daily token quota reached')).toBeTruthy();
    expect(screen.queryByText(message)).toBeNull();
    expect(screen.getByText(/^The daily input token quota is used up; it resets at .+ \(in 5 hours\)\.$/).getAttribute('data-code')).toBe('QUOTA_EXCEEDED');
    expect(screen.getByTestId('quota-remaining').textContent).toBe('10 of 1,000 tokens left today; this request needs about 40.');
    const meter = screen.getByRole('meter', { name: 'Input tokens today' });
    expect(meter.getAttribute('aria-valuenow')).toBe('990');
    expect(meter.closest('.quota')!.getAttribute('data-level')).toBe('high');
  });

  it('lists every attempt when no provider could answer', () => {
    renderWithI18n(() => (
      <ChatErrorPanel
        error={gqlError('Every provider for "mock-small" failed', {
          code: 'PROVIDER_UNAVAILABLE',
          attempts: [
            { provider: 'main', model: 'm1', error: 'connect ECONNREFUSED', code: 'network', latencyMs: 3.2 },
            { provider: 'backup', model: 'm2', error: 'circuit open', code: 'circuit_open', latencyMs: 0 },
          ],
        })}
      />
    ));
    expect(screen.getByText('No provider could answer')).toBeTruthy();
    expect(screen.getByTestId('chat-error').getAttribute('data-code')).toBe('PROVIDER_UNAVAILABLE');
    const rows = screen.getAllByTestId('attempt-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('Network error')).toBeTruthy();
    expect(within(rows[0]).getByText('connect ECONNREFUSED')).toBeTruthy();
    expect(within(rows[1]).getByText('Circuit open')).toBeTruthy();
    expect(rows[1].getAttribute('data-route')).toBe('fallback');
    expect(screen.queryByText('Answered')).toBeNull();
  });

  it('says what was metered when the stream was cut off', () => {
    renderWithI18n(() => (
      <ChatErrorPanel error={gqlError('The answer was cut off after 12 characters: reset', { code: 'STREAM_INTERRUPTED', usage: { inputTokens: 7, outputTokens: 3 } })} />
    ));
    expect(screen.getByText('The answer was cut off')).toBeTruthy();
    expect(screen.getByText('Metered for what was delivered: 7 input and 3 output tokens.')).toBeTruthy();
  });

  it('turns a network failure into one readable line', () => {
    renderWithI18n(() => <ChatErrorPanel error={new CombinedError({ networkError: new Error('Failed to fetch') })} />);
    expect(screen.getByText('The gateway could not be reached. Check that it is running.').getAttribute('data-code')).toBe('NETWORK_ERROR');
  });
});
