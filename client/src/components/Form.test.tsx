import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { createSignal } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../test/render.tsx';
import { TextField } from './Field.tsx';
import { Form, FormActions } from './Form.tsx';

describe('Form', () => {
  it('does not send when its own checks fail, and puts the cursor in the first field at fault', async () => {
    const [error, setError] = createSignal<string | undefined>();
    const sent = vi.fn();
    renderWithI18n(() => (
      <Form onSubmit={() => (setError('Required'), false)}>
        <TextField label="Name" name="name" error={error()} />
        <FormActions busy={false} />
      </Form>
    ));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.activeElement?.getAttribute('name')).toBe('name'));
    expect(sent).not.toHaveBeenCalled();
  });

  it("brings the field the server refused into focus, and shows refusals no field carries above the form", async () => {
    const [refusal, setRefusal] = createSignal<CombinedError | null>(null);
    const fieldError = () => (refusal() ? 'Another user already has this email.' : undefined);
    renderWithI18n(() => (
      <Form onSubmit={() => {}} refusal={refusal()} error={refusal()}>
        <TextField label="Name" name="name" />
        <TextField label="Email" name="email" error={fieldError()} />
        <FormActions busy={false} />
      </Form>
    ));
    setRefusal(new CombinedError({ graphQLErrors: [new GraphQLError('dup', { extensions: { code: 'CONFLICT', field: 'email' } })] }));
    await waitFor(() => expect(document.activeElement?.getAttribute('name')).toBe('email'));
    expect(document.querySelector('.notice[data-code=CONFLICT]')).not.toBeNull();
  });

  it('says it is saving while busy, and cannot be sent twice', () => {
    renderWithI18n(() => (
      <Form onSubmit={() => {}}>
        <FormActions busy={true} onCancel={() => {}} />
      </Form>
    ));
    expect((screen.getByRole('button', { name: 'Saving…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });
});
