import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { AdminSettings } from '../settings';

/**
 * Abuse control for password checks: failures are counted per account (the
 * email as typed, registered or not, so nothing tells them apart) and per
 * client address within a window. From the third failure each attempt is
 * slowed (200 ms per failure, at most 1 s); at the limit it is refused with
 * RATE_LIMITED (429) until the window passes.
 */
const SLOW_AFTER = 3;

function keysOf(email: string, clientIp: string): string[] {
  return [`email:${email.trim().toLowerCase()}`, `ip:${clientIp}`];
}

export async function checkLoginAllowed(em: EntityManager, settings: AdminSettings, email: string, clientIp: string): Promise<void> {
  const [emailKey, ipKey] = keysOf(email, clientIp);
  const rows = await em
    .getConnection()
    .execute<{ key: string; failures: number }[]>(
      `select key, failures from admin.login_failures where key in (?, ?) and window_start > now() - make_interval(secs => ?)`,
      [emailKey, ipKey, settings.loginFailureWindowSeconds],
    );
  const failuresOf = (key: string | undefined) => rows.find((row) => row.key === key)?.failures ?? 0;
  const accountFailures = failuresOf(emailKey);
  const addressFailures = failuresOf(ipKey);
  if (accountFailures >= settings.loginMaxFailuresPerAccount || addressFailures >= settings.loginMaxFailuresPerAddress) {
    throw domainError(ErrorCode.RateLimited, 'Too many failed sign-in attempts; try again later');
  }
  const failures = Math.max(accountFailures, addressFailures);
  if (failures >= SLOW_AFTER) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, (failures - SLOW_AFTER + 1) * 200)));
}

export async function recordLoginFailure(em: EntityManager, settings: AdminSettings, email: string, clientIp: string): Promise<void> {
  for (const key of keysOf(email, clientIp)) {
    await em.getConnection().execute(
      `insert into admin.login_failures (key, failures, window_start) values (?, 1, now())
       on conflict (key) do update set
         failures = case when admin.login_failures.window_start > now() - make_interval(secs => ?) then admin.login_failures.failures + 1 else 1 end,
         window_start = case when admin.login_failures.window_start > now() - make_interval(secs => ?) then admin.login_failures.window_start else now() end`,
      [key, settings.loginFailureWindowSeconds, settings.loginFailureWindowSeconds],
    );
  }
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function recordLoginSuccess(em: EntityManager, email: string): Promise<void> {
  await em.getConnection().execute('delete from admin.login_failures where key = ?', [`email:${email.trim().toLowerCase()}`]);
}
