import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { ApiKeyCreatedDialog } from './ApiKeyCreatedDialog.tsx';

const SECRET = 'zgk_1a2b3c4d_secret-value-shown-once';

describe('ApiKeyCreatedDialog', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the secret once, with a clear warning that it will not be shown again', () => {
    renderWithI18n(() => <ApiKeyCreatedDialog name="CI" secret={SECRET} onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'API key created' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('textbox', { name: /Secret key/ }).textContent).toBe(SECRET);
    expect(screen.getByText(/You will not see it again/)).toBeTruthy();
  });

  it('copies the secret to the clipboard and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderWithI18n(() => <ApiKeyCreatedDialog name="CI" secret={SECRET} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(SECRET));
    await waitFor(() => expect(screen.getAllByText('Copied').length).toBeGreaterThan(0));
  });

  it('takes focus to the secret, keeps Tab inside, and closes on Escape', () => {
    const onClose = vi.fn();
    renderWithI18n(() => <ApiKeyCreatedDialog name="CI" secret={SECRET} onClose={onClose} />);
    const secret = screen.getByTestId('api-key-secret');
    expect(document.activeElement).toBe(secret);
    const done = screen.getByRole('button', { name: 'I have stored the key' });
    done.focus();
    fireEvent.keyDown(done, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(done);
    fireEvent.keyDown(done, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });
});
