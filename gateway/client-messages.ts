import type { GraphQLFormattedError } from 'graphql';

/**
 * Apollo Server's refusals in our words. Its messages name the library
 * ("not allowed by Apollo Server") and its own headers
 * (`x-apollo-operation-name`), which tell a client what runs here and not
 * what to do. The rewritten ones keep the error's code and say what to send.
 */

/** The header that lets a request past CSRF prevention when it is not a JSON POST (see csrfPrevention in gateway/server.ts). */
export const PREFLIGHT_HEADER = 'graphql-preflight';

const REWRITES: { match: RegExp; message: string }[] = [
  {
    match: /^This operation has been blocked as a potential Cross-Site Request Forgery/,
    message: `Refused as a possible cross-site request forgery: send the operation as a POST with content-type: application/json, or add the header ${PREFLIGHT_HEADER}: 1`,
  },
  { match: /uses incremental delivery/i, message: 'To receive @defer or @stream results, send the header accept: multipart/mixed; deferSpec=20220824' },
  { match: /supports only GET\/POST requests/, message: 'Only GET and POST requests are served here' },
];

/** Any other message that still names the library is replaced whole rather than shown. */
const LIBRARY_NAME = /apollo/i;

export function inOurWords(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const rewrite = REWRITES.find(({ match }) => match.test(formatted.message));
  if (rewrite) return { ...formatted, message: rewrite.message };
  if (LIBRARY_NAME.test(formatted.message)) return { ...formatted, message: 'The request was refused' };
  return formatted;
}
