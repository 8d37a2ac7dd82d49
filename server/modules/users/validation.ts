import { badInput } from '../../errors.ts';

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail server's job.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (value.length > 320 || !EMAIL.test(value)) throw badInput(`Invalid email address: "${email.slice(0, 100)}"`, 'email');
  return value;
}

export function validateName(name: string): string {
  const value = name.trim();
  if (!value) throw badInput('Name must not be empty', 'name');
  if (value.length > 200) throw badInput('Name must be at most 200 characters', 'name');
  return value;
}

/** Looks like an address (one @, no spaces, a dot in the domain); nothing is thrown. */
export function looksLikeEmail(value: string): boolean {
  return EMAIL.test(value);
}

export { validatePassword } from '../auth/password-policy.ts';
