import { domainError, ErrorCode } from '../../../common/errors';
import { hashSecret, verifySecret } from '../../../common/passwords';
import type { Context } from '../context';
import { User } from '../entities/user';
import { passwordOfEmail } from '../queries';
import { withHiddenValues } from './hidden-sql';
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from './login-throttle';

// A valid hash of a random secret: unknown emails cost the same scrypt work as known ones.
const DUMMY_HASH = hashSecret('no such user ' + Math.random());

/**
 * Checks an email and password with the abuse controls, for both sign-ins
 * (platform session, general-API tokens). Every failure (unknown email,
 * wrong password, disabled account) is the same UNAUTHENTICATED error after
 * the same scrypt work.
 */
export async function verifyCredentials(context: Context, email: string, password: string): Promise<User> {
  const { em, principal } = context;
  await checkLoginAllowed(context, email, principal.clientIp);
  const stored = await withHiddenValues(() => passwordOfEmail(em, email));
  const valid = await verifySecret(password, stored?.passwordHash ?? (await DUMMY_HASH));
  const user = stored ? await em.findOne(User, { id: stored.id }) : null;
  if (!user || !valid || user.disabled) {
    await recordLoginFailure(context, email, principal.clientIp);
    throw domainError(ErrorCode.Unauthenticated, 'Invalid email or password');
  }
  await recordLoginSuccess(context, email);
  return user;
}
