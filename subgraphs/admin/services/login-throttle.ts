import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { LoginFailure } from '../entities/login-failure';
import { countLoginFailure, recentLoginFailures } from '../queries';

/**
 * Abuse control for password checks: failures are counted per account (the
 * email as typed, registered or not, so nothing tells them apart) and per
 * client address within a window. From the third failure each attempt is
 * slowed (200 ms per failure, at most 1 s); at the limit it is refused with
 * RATE_LIMITED (429) until the window passes.
 */
const SLOW_AFTER = 3;

const accountKey = (email: string) => `email:${email.trim().toLowerCase()}`;

function keysOf(email: string, clientIp: string): [string, string] {
  return [accountKey(email), `ip:${clientIp}`];
}

export async function checkLoginAllowed({ em, settings, logger }: Context, email: string, clientIp: string): Promise<void> {
  const [emailKey, ipKey] = keysOf(email, clientIp);
  const failures = await recentLoginFailures(em, [emailKey, ipKey], settings.loginFailureWindowSeconds);
  const accountFailures = failures.get(emailKey) ?? 0;
  const addressFailures = failures.get(ipKey) ?? 0;
  if (accountFailures >= settings.loginMaxFailuresPerAccount || addressFailures >= settings.loginMaxFailuresPerAddress) {
    throw domainError(ErrorCode.RateLimited, 'Too many failed sign-in attempts; try again later');
  }
  const most = Math.max(accountFailures, addressFailures);
  if (most >= SLOW_AFTER) {
    const delayMs = Math.min(1000, (most - SLOW_AFTER + 1) * 200);
    logger.info({ delayMs, failures: most }, 'sign-in attempt slowed');
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

export async function recordLoginFailure({ em, settings }: Context, email: string, clientIp: string): Promise<void> {
  for (const key of keysOf(email, clientIp)) await countLoginFailure(em, key, settings.loginFailureWindowSeconds);
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function recordLoginSuccess({ em }: Context, email: string): Promise<void> {
  await em.nativeDelete(LoginFailure, { key: accountKey(email) });
}
