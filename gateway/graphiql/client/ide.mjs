// The GraphQL IDE page's script (runs in the browser). scripts/build-graphiql.ts
// bundles it with GraphiQL, React and the Monaco editor workers into
// dist/graphiql/, which the gateway serves under /graphql/ide/ (gateway/graphiql/routes.ts).
import { GraphiQL } from 'graphiql';
import { Kind, parse } from 'graphql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

// Monaco runs its language services in web workers, bundled next to this file.
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const name = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(new URL(`./${name}.worker.js`, import.meta.url));
  },
};

const endpoint = new URL('/graphql', location.href).toString();
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'x-api-token'];

/** The session's CSRF token (null without a session); mutations by cookie must send it as x-csrf-token. */
async function sessionCsrfToken() {
  const response = await fetch(endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ currentSession { csrfToken } }' }),
  });
  const result = await response.json().catch(() => null);
  return result?.data?.currentSession?.csrfToken ?? null;
}

function isMutation(params) {
  const source = String(params.query ?? '');
  // Good enough to decide whether a CSRF token is worth asking for; the gateway decides what the operation is.
  return /\bmutation\b/.test(source);
}

/**
 * GraphiQL re-reads the operation name a moment after the editor changes, so a
 * run right after pasting a new query would still name the old operation and be
 * refused. A name the document does not define is dropped when the document has
 * one operation (the server then runs that one); otherwise it is sent as is.
 */
function withCurrentOperationName(params) {
  if (!params.operationName) return params;
  let names;
  try {
    names = parse(String(params.query ?? ''))
      .definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
      .map((definition) => definition.name?.value);
  } catch {
    return params; // the gateway explains the syntax error
  }
  if (names.includes(params.operationName) || names.length !== 1) return params;
  const { operationName: _stale, ...rest } = params;
  return rest;
}

/**
 * Sends what the editor holds, with the headers of the Headers tab (an API
 * key goes there). Without a credential header the session cookie counts,
 * and a mutation then carries the session's CSRF token.
 */
async function fetcher(params, options) {
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...(options?.headers ?? {}) };
  const hasCredential = Object.keys(headers).some((name) => CREDENTIAL_HEADERS.includes(name.toLowerCase()));
  if (!hasCredential && isMutation(params)) {
    const token = await sessionCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  const response = await fetch(endpoint, { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(withCurrentOperationName(params)) });
  return response.json();
}

const DEFAULT_QUERY = `# Playroom GraphQL API
#
# Signed in (the session cookie of POST /api/auth/login)? Requests use it.
# Or put an API key in the Headers tab below:
#   { "authorization": "Bearer prapi_..." }
# Headers are not stored in this browser.

query Me {
  me {
    username
    email
  }
  publicSettings {
    siteName
  }
}
`;

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, shouldPersistHeaders: false, defaultEditorToolsVisibility: 'headers' }),
);
