import { badInput } from '../../errors.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';

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

export function validatePassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(`Password must be at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  }
  if (password.length > 1024) throw badInput('Password must be at most 1024 characters', 'password');
  return password;
}
