import { domainError, ErrorCode } from '../../../common/errors';
import type { Plan } from '../entities/user';

/** Checks of what callers type for users and roles; each refusal names its field. */
const PLANS: readonly Plan[] = ['free', 'pro', 'enterprise'];
const PERMISSION_NAME = /^[a-z][a-z0-9_:.-]{0,63}$/;

/** graphql-scalars' URL parses to a URL object; it is stored as text. */
export function urlText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function validatePassword(password: string, field = 'password'): void {
  if (password.length < 8 || password.length > 200) {
    throw domainError(ErrorCode.BadUserInput, 'The password must be 8 to 200 characters long', { field });
  }
}

export function validateUsername(username: string): string {
  const trimmed = username.trim();
  if (!/^[A-Za-z0-9._-]{2,40}$/.test(trimmed)) {
    throw domainError(ErrorCode.BadUserInput, 'The username must be 2 to 40 letters, digits, dots, dashes or underscores', { field: 'username' });
  }
  return trimmed;
}

export function validateOptionalText(value: string | null | undefined, field: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (value.length > 100) throw domainError(ErrorCode.BadUserInput, `${field} must be at most 100 characters`, { field });
  return value;
}

export function validatePlan(plan: Plan): Plan {
  if (!PLANS.includes(plan)) throw domainError(ErrorCode.BadUserInput, 'Unknown plan', { field: 'plan' });
  return plan;
}

/** Permission names are lower-case words; the list is stored sorted and without repeats. */
export function validatePermissions(permissions: string[]): string[] {
  for (const permission of permissions) {
    if (!PERMISSION_NAME.test(permission))
      throw domainError(ErrorCode.BadUserInput, `Invalid permission name: ${permission.slice(0, 64)}`, { field: 'permissions' });
  }
  return [...new Set(permissions)].sort();
}
