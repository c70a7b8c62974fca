import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';

/**
 * An Idempotency-Key record of the REST layer, shared by every gateway
 * replica: claimed by one attempt (claimToken, lease until lockedUntil), then
 * completed with the sealed answer or released. Written only by the
 * compare-and-set statements in queries.ts.
 */
export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  properties: {
    /** An HMAC of caller and key, made by the gateway. */
    recordKey: p.text().primary(),
    /** A hash of the request, so a different request under the same key is told apart. */
    fingerprint: p.text(),
    claimToken: p.uuid().nullable(),
    /** The first answer, sealed with a key this database never sees. */
    response: p.text().nullable().lazy(true, false),
    lockedUntil: p.datetime().nullable(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
  },
});
export type IdempotencyKey = InferEntity<typeof IdempotencyKey>;
