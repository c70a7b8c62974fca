import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/postgresql';

/**
 * The properties entities of every subgraph share, spread into each
 * `defineEntity({ properties })` as mikro-orm/guide does with its base
 * entity. Entities are defined once, with `defineEntity`, and their type is
 * inferred from the definition (`InferEntity<typeof Ticket>`); no class
 * repeats the columns.
 *
 * The ORM keeps the timestamps: `createdAt` is set when the row is first
 * flushed, `updatedAt` then too (the same instant) and again whenever a flush
 * changes the row. Services never set them, except where a change elsewhere
 * counts as a change of this row (a reply bumps its ticket's `updatedAt`).
 */

/** A uuid primary key, made here when the entity is created without one. */
export const uuidPrimaryKey = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => randomUUID());

/** When the row was inserted. */
export const createdAtProperty = () => p.datetime().onCreate(() => new Date());

/** When the row last changed; equal to createdAt on insert. */
export const updatedAtProperty = () =>
  p
    .datetime()
    .onCreate((row: { createdAt?: Date }) => row.createdAt ?? new Date())
    .onUpdate(() => new Date());

/** `id`, `createdAt` and `updatedAt`: the base of most entities. */
export const baseProperties = () => ({
  id: uuidPrimaryKey(),
  createdAt: createdAtProperty(),
  updatedAt: updatedAtProperty(),
});
