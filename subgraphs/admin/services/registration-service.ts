import { domainError, ErrorCode } from '../../../common/errors';
import { hashSecret } from '../../../common/passwords';
import type { Context } from '../context';
import { emailOfUsername, insertUserUnlessRegistered } from '../queries';
import { withHiddenValues } from './hidden-sql';
import { assertAllowed } from './permissions';
import { validatePassword, validateUsername } from './validation';

export interface RegisterInput {
  email: string;
  username: string;
  password: string;
}

/**
 * Self-registration. An address that is already registered gets the
 * same answer and nothing changes, so the answer does not reveal it; a taken
 * username (public anyway) is a conflict.
 */
export async function register(context: Context, input: RegisterInput): Promise<{ email: string; username: string }> {
  await assertAllowed(context, 'user:register');
  const { em } = context;
  const username = validateUsername(input.username);
  validatePassword(input.password);
  const passwordHash = await hashSecret(input.password);
  const holder = await emailOfUsername(em, username);
  if (holder !== null && holder.toLowerCase() !== input.email.toLowerCase()) {
    throw domainError(ErrorCode.Conflict, 'This username is taken', { field: 'username' });
  }
  await withHiddenValues(() => insertUserUnlessRegistered(em, { email: input.email, username, passwordHash }));
  return { email: input.email, username };
}
