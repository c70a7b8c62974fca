import { decodeJwt, type JWTPayload } from 'jose';

/** Three dot-separated base64url parts: the shape of every JWT this system issues. */
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * The claims of a bearer that is a JWT, read without verifying it (only to
 * tell which kind of credential it is); undefined when it is not one. The
 * shape is checked first because decodeJwt throws, building an error with a
 * stack, on every other bearer, and an integration posting chat with an
 * Owncast access token (an opaque string) sends one on every request.
 */
export function unverifiedClaimsOf(bearer: string): JWTPayload | undefined {
  if (!JWT_SHAPE.test(bearer)) return undefined;
  try {
    return decodeJwt(bearer);
  } catch {
    return undefined;
  }
}
