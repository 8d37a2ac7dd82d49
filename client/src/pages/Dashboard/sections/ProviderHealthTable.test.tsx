import { screen, within } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../../test/render.tsx';
import { ProviderHealthTable, type ProviderRow } from './ProviderHealthTable.tsx';

const provider = (over: Partial<ProviderRow>): ProviderRow => ({
  id: 'mock',
  plugin: 'mock',
  available: true,
  loadError: null,
  circuit: 'CLOSED',
  errorRate: 0,
  p50LatencyMs: 12.4,
  requests: 40,
  ...over,
});

const rows = () => screen.getAllByTestId('provider-row');

describe('ProviderHealthTable', () => {
  it('colours the circuit state: closed green, half-open amber, open red', () => {
    renderWithI18n(() => (
      <ProviderHealthTable
        caption="Providers"
        providers={[provider({ id: 'a' }), provider({ id: 'b', circuit: 'HALF_OPEN' }), provider({ id: 'c', circuit: 'OPEN', errorRate: 0.8 })]}
      />
    ));
    const badges = rows().map((r) => r.querySelector('[data-circuit]')!);
    expect(badges.map((b) => b.textContent)).toEqual(['Closed', 'Half-open', 'Open']);
    expect(badges.map((b) => b.className)).toEqual(['badge badge-success', 'badge badge-warning', 'badge badge-danger']);
    expect(badges[2].getAttribute('title')).toBe('Skipped: too many recent failures');
  });

  it('shows error rates as percentages, high ones as a warning, and no rate without traffic', () => {
    renderWithI18n(() => (
      <ProviderHealthTable
        caption="Providers"
        providers={[provider({ id: 'ok', errorRate: 0.02 }), provider({ id: 'bad', errorRate: 0.125, p50LatencyMs: 0.44 }), provider({ id: 'idle', requests: 0, p50LatencyMs: null })]}
      />
    ));
    const [ok, bad, idle] = rows();
    expect(within(ok).getByTestId('provider-error-rate').textContent).toBe('2%');
    expect(within(ok).getByText('2%').classList.contains('rate-bad')).toBe(false);
    expect(within(ok).getByText('12 ms')).toBeTruthy();
    expect(within(bad).getByText('0.4 ms')).toBeTruthy();
    expect(within(ok).getByText('40')).toBeTruthy();
    expect(within(bad).getByText('12.5%').classList.contains('rate-bad')).toBe(true);
    expect(within(idle).getByTestId('provider-error-rate').textContent).toBe('—');
    expect(within(idle).getByText('No traffic')).toBeTruthy();
  });

  it('marks a provider that failed to load as unavailable and says why', () => {
    renderWithI18n(() => (
      <ProviderHealthTable
        caption="Providers"
        providers={[provider({}), provider({ id: 'vertex', plugin: 'vertex', available: false, loadError: 'missing credentials: GOOGLE_API_KEY', requests: 0, p50LatencyMs: null })]}
      />
    ));
    const [up, down] = rows();
    expect(up.getAttribute('data-available')).toBe('true');
    expect(within(up).getByText('Available')).toBeTruthy();
    expect(down.getAttribute('data-available')).toBe('false');
    expect(down.classList.contains('row-unavailable')).toBe(true);
    expect(within(down).getByText('Unavailable').className).toContain('badge-danger');
    expect(within(down).getByTestId('provider-load-error').textContent).toBe('missing credentials: GOOGLE_API_KEY');
    expect(down.querySelector('.sublabel')!.textContent).toBe('Plugin vertex');
  });

  it('says so when no provider is configured', () => {
    renderWithI18n(() => <ProviderHealthTable caption="Providers" providers={[]} />);
    expect(screen.getByText('No providers are configured.')).toBeTruthy();
  });

  it('speaks Chinese in zh-CN', () => {
    renderWithI18n(() => <ProviderHealthTable caption="供应商" providers={[provider({ circuit: 'OPEN' })]} />, 'zh-CN');
    expect(screen.getByText('打开（已熔断）')).toBeTruthy();
    expect(screen.getByText('可用')).toBeTruthy();
  });
});
