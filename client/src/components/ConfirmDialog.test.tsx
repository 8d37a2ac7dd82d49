import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../test/render.tsx';
import { confirmAction, ConfirmHost } from './ConfirmDialog.tsx';

describe('confirmAction', () => {
  it('asks first, runs on confirm, and closes when it worked', async () => {
    const run = vi.fn(async () => null);
    renderWithI18n(() => <ConfirmHost />);
    confirmAction({ title: 'Suspend Li?', body: 'Their keys stop working.', confirmLabel: 'Suspend', danger: true, run });
    const dialog = await screen.findByRole('alertdialog', { name: 'Suspend Li?' });
    expect(run).not.toHaveBeenCalled();
    // Cancel has the focus: Enter on an unexpected dialog does no harm.
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Suspend' }));
    await waitFor(() => expect(run).toHaveBeenCalledOnce());
    await waitFor(() => expect(dialog.isConnected).toBe(false));
  });

  it('stays open with the refusal, in words, when it did not', async () => {
    const refusal = new CombinedError({ graphQLErrors: [new GraphQLError('This is the last admin', { extensions: { code: 'CONFLICT' } })] });
    renderWithI18n(() => <ConfirmHost />);
    confirmAction({ title: 'Change roles?', body: '…', confirmLabel: 'Save', errorContext: { CONFLICT: 'error.CONFLICT.lastAdmin' }, run: async () => refusal });
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    await screen.findByText('This is the last admin: give another user the admin role first.');
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });
});
