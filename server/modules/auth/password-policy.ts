import { dictionary } from '@zxcvbn-ts/language-common';
import { badInput } from '../../errors.ts';

/** Shortest password accepted; long passphrases beat short complex ones. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

// The ~49,000 commonest passwords from breach corpora, bundled by @zxcvbn-ts/language-common (no network).
let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

// Rows and runs people type as "random": a password that is a stretch of one of these is refused.
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '`1234567890-=qwertyuiop[]\\asdfghjkl;\'zxcvbnm,./',
  '~!@#$%^&*()_+',
].flatMap((run) => [run + run, [...run].reverse().join('').repeat(2)]);

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '8': 'b', '3': 'e', '6': 'g', '1': 'i', '!': 'i', '0': 'o', '5': 's', $: 's', '7': 't', '2': 'z' };

/** The shortest unit the whole string repeats ("abcabcabc" -> "abc"), or the string itself. */
function repeatedUnit(value: string): string {
  for (let size = 1; size <= value.length / 2; size++) {
    if (value.length % size === 0 && value.slice(0, size).repeat(value.length / size) === value) return value.slice(0, size);
  }
  return value;
}

function isRun(value: string): boolean {
  return value.length >= 3 && RUNS.some((run) => run.includes(value));
}

/** "Password2024!", "p@ssw0rd123" and "dragon-dragon" are a common word with trimmings. */
function commonCore(value: string): boolean {
  const list = commonPasswords();
  const lower = value.toLowerCase();
  const unleet = [...lower].map((c) => LEET[c] ?? c).join('');
  for (const candidate of new Set([lower, unleet])) {
    if (list.has(candidate)) return true;
    const core = candidate.replace(/^[^a-z]+|[^a-z]+$/g, '');
    // Strip decorations only when something word-like is left; "1234..." is handled as a run.
    if (core.length >= 4 && (list.has(core) || list.has(repeatedUnit(core.replace(/[^a-z]/g, ''))))) return true;
    const unit = repeatedUnit(candidate);
    if (unit !== candidate && (list.has(unit) || unit.length <= 4)) return true;
  }
  return false;
}

/**
 * Why a password is refused, or null when it is acceptable: at least 12
 * characters, not one character repeated, not a keyboard or alphabet run or
 * a short unit repeated, not one of the commonest passwords (also with
 * leetspeak, digits or symbols around it), not the account's own email.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (/^(.)\1*$/su.test(lower)) return 'Password must not be one character repeated';
  const unit = repeatedUnit(lower);
  if (isRun(lower) || isRun(unit) || unit.length <= 2) return 'Password must not be a simple sequence or pattern';
  if (commonCore(password)) return 'Password is too common; a phrase of several unrelated words is easy to remember and hard to guess';
  if (email && lower.trim() === email.trim().toLowerCase()) return 'Password must not be your email address';
  return null;
}

/** Returns the password, or throws BAD_USER_INPUT (field "password") saying what is wrong with it. */
export function validatePassword(password: string, email?: string, field = 'password'): string {
  const problem = passwordProblem(password, email);
  if (problem) throw badInput(problem, field);
  return password;
}
