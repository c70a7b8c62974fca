/**
 * The most requests one `countRequest` call may add to a rate-limit counter:
 * the admin subgraph refuses more, and a gateway that counts the queued
 * requests of one caller together sends no more in one call. One number for
 * both sides, since a gateway asking for more than the subgraph accepts
 * would have every batched count refused (and its requests let through).
 */
export const MAX_REQUESTS_PER_COUNT = 1000;
