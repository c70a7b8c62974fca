import type { Resolvers } from '../generated/resolvers-types';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../services/idempotency-service';

/** The gateway's Idempotency-Key records (internal fields). Merged into the admin resolver map. */
export const idempotencyResolvers = {
  Mutation: {
    claimIdempotencyKey: (_parent, args, { em, principal }) => claimIdempotencyKey(em, principal, args),
    completeIdempotencyKey: (_parent, args, { em, principal }) => completeIdempotencyKey(em, principal, args),
    releaseIdempotencyKey: (_parent, args, { em, principal }) => releaseIdempotencyKey(em, principal, args),
  },
} satisfies Resolvers;
