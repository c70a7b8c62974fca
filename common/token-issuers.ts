/**
 * The `iss` of the JWTs this product issues, shared by the subgraph that
 * signs each and the gateway, which tells them apart (without verifying:
 * their owners do) to know which credential a request presents.
 */
/** General-API access tokens (POST /v1/auth/login), signed by the admin subgraph. */
export const ACCESS_TOKEN_ISSUER = 'playroom-admin';
/** Host tokens (GET /hosts/{host}/access_token), signed by the social subgraph. */
export const HOST_TOKEN_ISSUER = 'playroom-social';
