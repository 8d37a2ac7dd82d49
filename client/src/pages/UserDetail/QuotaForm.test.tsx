import { fireEvent, screen } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { QuotaForm } from './QuotaForm.tsx';

function setup(initial = { dailyInputLimit: 5000 as number | null, dailyOutputLimit: null as number | null }) {
  const onSubmit = vi.fn();
  renderWithI18n(() => <QuotaForm initial={initial} busy={false} error={null} onSubmit={onSubmit} />);
  const input = screen.getByLabelText('Input tokens per day') as HTMLInputElement;
  const output = screen.getByLabelText('Output tokens per day') as HTMLInputElement;
  const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  return { onSubmit, input, output, save };
}

describe('QuotaForm', () => {
  it('starts from the current limits, an unlimited one as an empty field', () => {
    const { input, output } = setup();
    expect(input.value).toBe('5000');
    expect(output.value).toBe('');
    expect(output.placeholder).toBe('Unlimited');
  });

  it('sends empty as null (unlimited) and accepts thousands separators', () => {
    const { onSubmit, input, output, save } = setup();
    fireEvent.input(input, { target: { value: '' } });
    fireEvent.input(output, { target: { value: '1,000,000' } });
    save();
    expect(onSubmit).toHaveBeenCalledWith({ dailyInputLimit: null, dailyOutputLimit: 1_000_000 });
  });

  it('accepts zero (no tokens at all)', () => {
    const { onSubmit, input, save } = setup();
    fireEvent.input(input, { target: { value: '0' } });
    save();
    expect(onSubmit).toHaveBeenCalledWith({ dailyInputLimit: 0, dailyOutputLimit: null });
  });

  it.each(['-5', '1.5', 'lots', '1e6', '99999999999999999999'])('refuses %s before sending', (bad) => {
    const { onSubmit, output, save } = setup();
    fireEvent.input(output, { target: { value: bad } });
    save();
    expect(onSubmit).not.toHaveBeenCalled();
    expect((output).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/whole number of tokens/)).toBeTruthy();
  });
});
