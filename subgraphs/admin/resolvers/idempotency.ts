import type { Resolvers } from '../generated/resolvers-types';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../services/idempotency-service';

/** The gateway's Idempotency-Key records (internal fields). Merged into the admin resolver map. */
export const idempotencyResolvers = {
  Mutation: {
    claimIdempotencyKey: (_parent, args, context) => claimIdempotencyKey(context, args),
    completeIdempotencyKey: (_parent, args, context) => completeIdempotencyKey(context, args),
    releaseIdempotencyKey: (_parent, args, context) => releaseIdempotencyKey(context, args),
  },
} satisfies Resolvers;
