import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import { recordEvent } from '../../../common/outbox';
import { inTransaction } from '../../../common/transaction';
import type { Context } from '../context';
import { Resource, type ResourceStatus } from '../entities/resource';
import { User } from '../entities/user';
import { assertAllowed, can, isSiteAdmin } from './permissions';

/**
 * Resources of the general API (seed 003). Signed-in users manage
 * their own; users with the `admin` permission see and manage everyone's.
 * Another user's resource is NOT_FOUND, as if it did not exist.
 * API keys are refused: the general API authenticates with bearer access tokens.
 * Every change records resource.created / resource.updated / resource.deleted
 * in the admin outbox (common/outbox.ts) in the same transaction.
 */
export const RESOURCE_STATUSES: readonly ResourceStatus[] = ['active', 'inactive', 'archived'];
const TYPE_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
const MAX_METADATA_BYTES = 16 * 1024;

export type ResourceSortField = 'name' | 'type' | 'status' | 'createdAt' | 'updatedAt';
export interface ResourceListArgs extends ConnectionArgs {
  filter?: { status?: ResourceStatus | null; type?: string | null } | null;
  orderBy?: { field: ResourceSortField; direction?: 'asc' | 'desc' | null } | null;
}

export interface ResourceInput {
  name?: string | null;
  description?: string | null;
  type?: string | null;
  status?: ResourceStatus | null;
  metadata?: Record<string, unknown> | null;
}

function validName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw domainError(ErrorCode.BadUserInput, 'name must be 1 to 200 characters', { field: 'name' });
  return trimmed;
}

function validDescription(description: string | null): string | null {
  if (description !== null && description.length > 2000) {
    throw domainError(ErrorCode.BadUserInput, 'description must be at most 2000 characters', { field: 'description' });
  }
  return description;
}

function validType(type: string): string {
  if (!TYPE_PATTERN.test(type)) {
    throw domainError(ErrorCode.BadUserInput, 'type must be a lower-case word (letters, digits, _ or -, at most 40 characters)', { field: 'type' });
  }
  return type;
}

function validStatus(status: string): ResourceStatus {
  if (!RESOURCE_STATUSES.includes(status as ResourceStatus)) {
    throw domainError(ErrorCode.BadUserInput, `status must be one of ${RESOURCE_STATUSES.join(', ')}`, { field: 'status' });
  }
  return status as ResourceStatus;
}

function validMetadata(metadata: unknown): Record<string, unknown> {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw domainError(ErrorCode.BadUserInput, 'metadata must be a JSON object', { field: 'metadata' });
  }
  if (Buffer.byteLength(JSON.stringify(metadata)) > MAX_METADATA_BYTES) {
    throw domainError(ErrorCode.BadUserInput, `metadata must be at most ${MAX_METADATA_BYTES} bytes of JSON`, { field: 'metadata' });
  }
  return metadata as Record<string, unknown>;
}

/** The resource if the caller may see it; NOT_FOUND otherwise, as if it did not exist. */
async function visibleResource(context: Context, em: EntityManager, id: string): Promise<Resource> {
  const resource = await em.findOne(Resource, { id });
  if (!resource) throw domainError(ErrorCode.NotFound, 'No such resource');
  await assertAllowed(context, 'resource:view', resource);
  return resource;
}

export async function listResources(context: Context, args: ResourceListArgs): Promise<Connection<Resource>> {
  const caller = await assertAllowed(context, 'resource:use');
  const { em } = context;
  const { offset, limit } = pageWindow(args);
  const where: FilterQuery<Resource> = {};
  if (!isSiteAdmin(caller)) where.ownerId = caller.userId;
  if (args.filter?.status) where.status = validStatus(args.filter.status);
  if (args.filter?.type) where.type = args.filter.type;
  const field = args.orderBy?.field ?? 'createdAt';
  const direction = args.orderBy?.direction ?? 'asc';
  // id breaks ties, so pages never overlap or skip rows with equal sort values.
  const [resources, total] = await em.findAndCount(Resource, where, { orderBy: [{ [field]: direction }, { id: direction }], limit, offset });
  return connectionOf(resources, offset, total);
}

/** null when the resource does not exist or belongs to someone else. */
export async function findResource(context: Context, id: string): Promise<Resource | null> {
  await assertAllowed(context, 'resource:use');
  const resource = await context.em.findOne(Resource, { id });
  return resource && (await can(context, 'resource:view', resource)) ? resource : null;
}

/** A resource another subgraph refers to: null unless the caller may see it. */
export async function resourceReference(context: Context, id: string): Promise<Resource | null> {
  const resource = await context.loaders.resourceById.load(id);
  return resource && (await can(context, 'resource:view', resource)) ? resource : null;
}

export async function createResource(context: Context, input: ResourceInput): Promise<Resource> {
  const caller = await assertAllowed(context, 'resource:use');
  const { em } = context;
  if (input.name === undefined || input.name === null) throw domainError(ErrorCode.BadUserInput, 'name is required', { field: 'name' });
  const resource = em.create(
    Resource,
    {
      ownerId: caller.userId,
      name: validName(input.name),
      description: validDescription(input.description ?? null),
      type: validType(input.type ?? 'standard'),
      status: validStatus(input.status ?? 'active'),
      metadata: validMetadata(input.metadata ?? {}),
    },
    { persist: false },
  );
  await inTransaction(em, async (tx) => {
    tx.persist(resource);
    await tx.flush();
    await recordEvent(tx, 'admin', 'resource.created', eventPayload(resource));
    // Read before the commit, so the answer's owner comes from memory after it.
    await tx.findOneOrFail(User, { id: caller.userId });
  });
  return resource;
}

/** What every resource event carries (subscribers read the rest from the API). */
function eventPayload(resource: Resource, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: resource.id, owner_id: resource.ownerId, name: resource.name, type: resource.type, status: resource.status, ...extra };
}

export async function updateResource(context: Context, id: string, input: ResourceInput): Promise<Resource> {
  await assertAllowed(context, 'resource:use');
  if (input.name === null) throw domainError(ErrorCode.BadUserInput, 'name cannot be null', { field: 'name' });
  if (input.type === null) throw domainError(ErrorCode.BadUserInput, 'type cannot be null', { field: 'type' });
  if (input.status === null) throw domainError(ErrorCode.BadUserInput, 'status cannot be null', { field: 'status' });
  if (input.metadata === null) throw domainError(ErrorCode.BadUserInput, 'metadata cannot be null', { field: 'metadata' });
  const changes: Partial<Resource> = {};
  if (input.name !== undefined) changes.name = validName(input.name);
  if (input.description !== undefined) changes.description = validDescription(input.description);
  if (input.type !== undefined) changes.type = validType(input.type);
  if (input.status !== undefined) changes.status = validStatus(input.status);
  if (input.metadata !== undefined) changes.metadata = validMetadata(input.metadata);
  return inTransaction(context.em, async (tx) => {
    const resource = await visibleResource(context, tx, id);
    // A change to the values a resource has is still a change the caller made: it is stamped and recorded.
    Object.assign(resource, changes, { updatedAt: new Date() });
    await tx.flush();
    await recordEvent(tx, 'admin', 'resource.updated', eventPayload(resource, { changed: Object.keys(changes).sort() }));
    return resource;
  });
}

export async function deleteResource(context: Context, id: string): Promise<string> {
  await assertAllowed(context, 'resource:use');
  await inTransaction(context.em, async (tx) => {
    const resource = await visibleResource(context, tx, id);
    tx.remove(resource);
    await tx.flush();
    await recordEvent(tx, 'admin', 'resource.deleted', eventPayload(resource));
  });
  return id;
}
