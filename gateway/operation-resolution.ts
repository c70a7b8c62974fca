import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind } from 'graphql';
import { badRequestError } from '../common/errors';

const MAX_ECHOED_NAME = 100;

/**
 * Refuses, as the client's mistake (400 BAD_USER_INPUT), a valid document the
 * gateway cannot run: an `operationName` the document does not have, several
 * operations without an `operationName`, or a subscription sent over HTTP.
 * Left alone, the gateway's executor throws on the first two and cannot
 * execute the third, and each was answered as a masked 500.
 */
export function operationResolutionPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (!operation) {
            if (request.operationName) {
              // Echoed only when short: the name is the client's own text.
              const name = request.operationName.length <= MAX_ECHOED_NAME ? ` named "${request.operationName}"` : ' by that name';
              throw badRequestError(`The document has no operation${name}`);
            }
            const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
            throw badRequestError(
              operations > 1 ? `The document has ${operations} operations: name the one to run in operationName` : 'The document has no operation to run',
            );
          }
          if (operation.operation === 'subscription') {
            throw badRequestError('Subscriptions are served over WebSocket on /graphql, not over HTTP');
          }
        },
      };
    },
  };
}
