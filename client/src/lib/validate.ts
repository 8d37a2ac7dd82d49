import type { MessageKey } from '../i18n/index.tsx';

/** Same rule as the gateway's: one @, no spaces, a dot in the domain. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 12;

export type Problem = { key: MessageKey; params?: Record<string, string | number> };

export function checkEmail(value: string): Problem | null {
  if (!value.trim()) return { key: 'validation.required' };
  return EMAIL.test(value.trim()) ? null : { key: 'validation.email' };
}

export function checkRequired(value: string): Problem | null {
  return value.trim() ? null : { key: 'validation.required' };
}

/** A role name as the gateway takes it: letters of any script, digits, inner spaces and . _ -, a letter or digit first, at most 100 characters. */
export function checkRoleName(value: string): Problem | null {
  const name = value.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (!name) return { key: 'validation.required' };
  return /^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._-]*$/u.test(name) && [...name].length <= 100 ? null : { key: 'error.BAD_USER_INPUT.roleName' };
}

/** `required` false allows an empty password (API-only users, or "keep the current one"). */
export function checkPassword(value: string, required: boolean): Problem | null {
  if (!value) return required ? { key: 'validation.required' } : null;
  return value.length >= MIN_PASSWORD_LENGTH ? null : { key: 'validation.passwordLength', params: { min: MIN_PASSWORD_LENGTH } };
}

/** A daily token limit: empty means unlimited (null); otherwise a non-negative whole number. */
export function parseQuota(value: string): { ok: true; value: number | null } | { ok: false; problem: Problem } {
  const trimmed = value.trim().replace(/[,_\s]/g, '');
  if (!trimmed) return { ok: true, value: null };
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) return { ok: false, problem: { key: 'validation.quota' } };
  return { ok: true, value: Number(trimmed) };
}
