import { createEffect, createSignal, on } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useI18n } from '../i18n/index.tsx';
import type { ErrorContext } from '../lib/errors.ts';
import type { Problem } from '../lib/validate.ts';
import { useErrorText } from './ErrorNotice.tsx';

/**
 * A form's complaints, next to their fields: its own checks before sending, and
 * the server's refusals that name a field (`extensions.field`). A complaint goes
 * away as soon as its field is edited (a duplicate-email error does not outlive
 * the email it was about); the next refusal brings the server's back.
 */
export function createFormErrors(options: { error: () => CombinedError | null | undefined; fields: readonly string[]; context?: ErrorContext }) {
  const { t } = useI18n();
  const errors = useErrorText();
  const [problems, setProblems] = createSignal<Record<string, Problem | null>>({});
  const [edited, setEdited] = createSignal<ReadonlySet<string>>(new Set());
  createEffect(on(options.error, () => setEdited(new Set<string>()), { defer: true }));

  const serverField = (field: string) => (edited().has(field) ? undefined : errors.field(options.error(), field, options.context));
  return {
    /** What to show under `field`. */
    message(field: string): string | undefined {
      const p = problems()[field];
      return p ? t(p.key, p.params) : serverField(field);
    },
    /** Call on every edit of `field`. */
    edited(field: string) {
      if (problems()[field]) setProblems((p) => ({ ...p, [field]: null }));
      if (!edited().has(field)) setEdited((s) => new Set([...s, field]));
    },
    /** Records the form's own findings; true when there are none. */
    check(found: Record<string, Problem | null>): boolean {
      setProblems(found);
      return !Object.values(found).some(Boolean);
    },
    /** The server's refusal when no field of this form carries it (shown above the form). */
    general(): CombinedError | null {
      const error = options.error();
      if (!error) return null;
      return options.fields.some((f) => error.graphQLErrors.some((e) => e.extensions?.field === f)) ? null : error;
    },
  };
}
