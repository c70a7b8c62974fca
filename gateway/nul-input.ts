import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, visit, type DocumentNode, type GraphQLError } from 'graphql';
import { badRequestError } from '../common/errors';
import { NUL_MESSAGE, containsNul, pathToNul } from '../common/nul-characters';

/**
 * GraphQL input with a NUL character (common/nul-characters.ts) is a client
 * mistake: BAD_USER_INPUT (HTTP 400), found before any subgraph runs, in a
 * variable's value or in a string literal of the document.
 */
export function nulInputError(document: DocumentNode, variables: Readonly<Record<string, unknown>> | null | undefined): GraphQLError | undefined {
  for (const [name, value] of Object.entries(variables ?? {})) {
    // GraphQL names cannot hold a NUL; such a key is no declared variable, but it is refused all the same.
    if (containsNul(name)) return badRequestError(`Variable names ${NUL_MESSAGE}`);
    const path = pathToNul(value);
    if (path !== null) return badRequestError(`Variable "$${name}"${path.length > 0 ? ` at "${[name, ...path].join('.')}"` : ''} ${NUL_MESSAGE}`);
  }
  let literal: GraphQLError | undefined;
  visit(document, {
    [Kind.STRING](node) {
      if (literal || !containsNul(node.value)) return;
      literal = badRequestError(`String values ${NUL_MESSAGE}`, node);
    },
  });
  return literal;
}

/** The check on every operation of the Apollo pipeline (/graphql and the REST layer's operations). */
export function nulInputPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const error = nulInputError(document, request.variables);
          if (error) throw error;
        },
      };
    },
  };
}
