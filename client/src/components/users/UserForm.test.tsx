import { fireEvent, screen } from '@solidjs/testing-library';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { createSignal } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { UserForm } from './UserForm.tsx';

const roles = [
  { id: 'r1', name: 'admin', description: 'Full control', builtIn: true },
  { id: 'r2', name: 'member', description: 'May chat', builtIn: true },
];

function setup(extra: Partial<Parameters<typeof UserForm>[0]> = {}) {
  const onSubmit = vi.fn();
  renderWithI18n(() => <UserForm mode="create" roles={roles} busy={false} error={null} onSubmit={onSubmit} onCancel={() => {}} {...extra} />);
  const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label, { exact: false }), { target: { value } });
  const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Create' }));
  return { onSubmit, type, submit };
}

describe('UserForm', () => {
  it('refuses to send an empty name, a malformed email and a short password, and says why on each field', () => {
    const { onSubmit, type, submit } = setup();
    type('Email', 'not-an-email');
    type('Password', 'short');
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Name')).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('This field is required')).toBeTruthy();
    expect(screen.getByText(/Enter a valid email address/)).toBeTruthy();
    expect(screen.getByText('Password must be at least 12 characters')).toBeTruthy();
  });

  it('sends trimmed values with the chosen roles once the form is valid', () => {
    const { onSubmit, type, submit } = setup();
    type('Name', '  Li Wei ');
    type('Email', ' li.wei@example.com ');
    type('Password', 'long-enough-pw');
    fireEvent.click(screen.getByRole('checkbox', { name: /Member/ }));
    submit();
    expect(onSubmit).toHaveBeenCalledWith({ name: 'Li Wei', email: 'li.wei@example.com', password: 'long-enough-pw', roleIds: ['r2'] });
  });

  it('allows an empty password (an API-only user)', () => {
    const { onSubmit, type, submit } = setup();
    type('Name', 'CI bot');
    type('Email', 'ci@example.com');
    submit();
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ password: '' }));
  });

  it('shows a server error that names a field on that field, in the console\'s words', () => {
    const error = new CombinedError({
      graphQLErrors: [new GraphQLError('A user with email li@example.com already exists', { extensions: { code: 'CONFLICT', field: 'email' } })],
    });
    setup({ error });
    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Another user already has this email.')).toBeTruthy();
  });

  it('shows other server errors above the form, with the code kept for support', () => {
    const error = new CombinedError({ graphQLErrors: [new GraphQLError('Not allowed', { extensions: { code: 'FORBIDDEN' } })] });
    setup({ error });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Your roles do not allow this');
    expect(alert.getAttribute('data-code')).toBe('FORBIDDEN');
  });
});

describe('UserForm on your own account', () => {
  it('asks for the current password and sends it with the change; the server\'s complaint lands on that field', () => {
    const onSubmit = vi.fn();
    const error = new CombinedError({ graphQLErrors: [new GraphQLError('Your current password is not correct', { extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } })] });
    renderWithI18n(() => <UserForm mode="edit" askCurrentPassword initial={{ name: 'Me', email: 'me@example.com' }} busy={false} error={error} onSubmit={onSubmit} onCancel={() => {}} />);
    const current = screen.getByLabelText('Current password', { exact: false });
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter your current password correctly to change your email or password.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText(/^Password/), { target: { value: 'a-brand-new-passphrase' } });
    fireEvent.input(current, { target: { value: 'the-old-passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'Me', email: 'me@example.com', password: 'a-brand-new-passphrase', currentPassword: 'the-old-passphrase', roleIds: [] });
  });
});

describe('UserForm corrections', () => {
  it('drops a stale server complaint as soon as its field is edited, and shows the next refusal again', () => {
    const [error, setError] = createSignal<CombinedError | null>(
      new CombinedError({ graphQLErrors: [new GraphQLError('dup', { extensions: { code: 'CONFLICT', field: 'email' } })] }),
    );
    renderWithI18n(() => <UserForm mode="create" roles={roles} busy={false} error={error()} onSubmit={() => {}} onCancel={() => {}} />);
    expect(screen.getByText('Another user already has this email.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'other@example.com' } });
    expect(screen.queryByText('Another user already has this email.')).toBeNull();
    setError(new CombinedError({ graphQLErrors: [new GraphQLError('dup', { extensions: { code: 'CONFLICT', field: 'email' } })] }));
    expect(screen.getByText('Another user already has this email.')).toBeTruthy();
  });

  it('clears a field complaint as soon as that field is edited', () => {
    const { type, submit } = setup();
    submit();
    expect(screen.getAllByText('This field is required')).toHaveLength(2);
    type('Name', 'Li');
    expect(screen.getAllByText('This field is required')).toHaveLength(1);
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
  });
});
