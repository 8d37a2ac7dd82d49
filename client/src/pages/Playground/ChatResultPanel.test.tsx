import { screen, within } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import type { ChatResultFieldsFragment } from '../../gql/graphql.ts';
import { renderWithI18n } from '../../test/render.tsx';
import { ChatResultPanel } from './ChatResultPanel.tsx';

const result = (over: Partial<ChatResultFieldsFragment> = {}): ChatResultFieldsFragment => ({
  text: 'You said: hi',
  usage: { inputTokens: 1234, outputTokens: 56 },
  provider: 'mock',
  model: 'mock-small',
  requestedModel: 'mock-small',
  attempts: [{ provider: 'mock', model: 'mock-small', error: null, code: null, status: null, latencyMs: 4 }],
  latencyMs: 27,
  finishReason: 'stop',
  toolCalls: [],
  requestId: 'req-1',
  auditId: 'a1',
  ...over,
});

describe('ChatResultPanel', () => {
  it('shows the tokens, who answered, the latency and the request id', () => {
    renderWithI18n(() => <ChatResultPanel result={result()} />);
    expect(screen.getByTestId('result-input-tokens').textContent).toBe('1,234');
    expect(screen.getByTestId('result-output-tokens').textContent).toBe('56');
    expect(screen.getByTestId('result-answered-by').textContent).toBe('mockmock-small');
    expect(screen.getByText('1 attempt')).toBeTruthy();
    expect(screen.getByText('27 ms')).toBeTruthy();
    expect(screen.getByTestId('result-request-id').textContent).toBe('req-1');
    expect(screen.getByText('Finished')).toBeTruthy();
    expect(screen.queryByText('Via fallback')).toBeNull();
    const [row] = screen.getAllByTestId('attempt-row');
    expect(row.getAttribute('data-route')).toBe('primary');
    expect(within(row).getByText('Answered')).toBeTruthy();
  });

  it('marks fallbacks and retries and shows why each failed attempt failed', () => {
    renderWithI18n(() => (
      <ChatResultPanel
        result={result({
          provider: 'backup',
          model: 'gpt-x',
          attempts: [
            { provider: 'main', model: 'm1', error: 'upstream answered 503', code: 'server', status: 503, latencyMs: 120.4 },
            { provider: 'main', model: 'm1', error: 'upstream answered 503', code: 'server', status: 503, latencyMs: 98 },
            { provider: 'backup', model: 'gpt-x', error: null, code: null, status: null, latencyMs: 300 },
          ],
        })}
      />
    ));
    expect(screen.getByText('Via fallback')).toBeTruthy();
    expect(screen.getByText('3 attempts')).toBeTruthy();
    const rows = screen.getAllByTestId('attempt-row');
    expect(rows.map((r) => r.getAttribute('data-route'))).toEqual(['primary', 'retry', 'fallback']);
    expect(within(rows[0]).getByText('Server error').getAttribute('data-code')).toBe('server');
    expect(within(rows[0]).getByText('503')).toBeTruthy();
    expect(within(rows[0]).getByText('120 ms')).toBeTruthy();
    expect(within(rows[0]).getByText('upstream answered 503')).toBeTruthy();
    expect(within(rows[1]).getByText('Retry')).toBeTruthy();
    expect(within(rows[2]).getByText('Fallback')).toBeTruthy();
    expect(within(rows[2]).getByText('Answered')).toBeTruthy();
    expect(rows[2].classList.contains('attempt-fallback')).toBe(true);
  });

  it('speaks Chinese in zh-CN', () => {
    renderWithI18n(() => <ChatResultPanel result={result()} />, 'zh-CN');
    expect(screen.getByText('请求详情')).toBeTruthy();
    expect(screen.getByText('已应答')).toBeTruthy();
  });

  it('lists the tools the model called, with their arguments', () => {
    renderWithI18n(() => <ChatResultPanel result={result({ text: '', finishReason: 'tool_calls', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] })} />);
    const calls = screen.getByTestId('result-tool-calls');
    expect(within(calls).getByText('get_weather')).toBeTruthy();
    expect(within(calls).getByText('{"city":"Paris"}')).toBeTruthy();
    expect(screen.getByText('Tool call')).toBeTruthy();
  });
});
