import { GraphQLError } from 'graphql';
import { domainError, ErrorCode } from '../common/errors';
import { definePermissions } from '../common/permissions';

/**
 * The shared permission table (common/permissions.ts) on its own: what
 * assertAllowed answers and throws, and which failures `can` turns into
 * false. The subgraphs' own rules are tested through their APIs
 * (tickets-permissions, social-hosts, social-sessions).
 */
interface TestContext {
  user: string | null;
  databaseUp: boolean;
}

const { assertAllowed, can } = definePermissions<TestContext>()({
  'note:read': (context: TestContext) => {
    if (!context.databaseUp) throw new Error('connection refused');
    if (!context.user) throw domainError(ErrorCode.Unauthenticated, 'Sign in to read notes');
    return context.user;
  },
  'note:delete': async (context: TestContext, note: { owner: string }) => {
    if (note.owner !== context.user) throw domainError(ErrorCode.Forbidden, 'Only its owner may delete a note');
  },
  'note:find': (_context: TestContext, id: number) => {
    if (id !== 1) throw domainError(ErrorCode.NotFound, 'Note not found');
  },
  'note:rename': () => {
    throw domainError(ErrorCode.BadUserInput, 'name is too long');
  },
});

const ann: TestContext = { user: 'ann', databaseUp: true };
const nobody: TestContext = { user: null, databaseUp: true };

describe('assertAllowed', () => {
  it('answers what the rule established when it allows', async () => {
    await expect(assertAllowed(ann, 'note:read')).resolves.toBe('ann');
    await expect(assertAllowed(ann, 'note:delete', { owner: 'ann' })).resolves.toBeUndefined();
  });

  it("throws the rule's own error, code and message, when it refuses", async () => {
    const refused = await assertAllowed(nobody, 'note:read').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
    expect((refused as GraphQLError).message).toBe('Sign in to read notes');
    await expect(assertAllowed(ann, 'note:delete', { owner: 'bob' })).rejects.toThrow('Only its owner may delete a note');
  });
});

describe('can', () => {
  it('is true when the rule allows', async () => {
    await expect(can(ann, 'note:read')).resolves.toBe(true);
    await expect(can(ann, 'note:find', 1)).resolves.toBe(true);
  });

  it('is false for each refusal: UNAUTHENTICATED, FORBIDDEN and NOT_FOUND', async () => {
    await expect(can(nobody, 'note:read')).resolves.toBe(false);
    await expect(can(ann, 'note:delete', { owner: 'bob' })).resolves.toBe(false);
    await expect(can(ann, 'note:find', 2)).resolves.toBe(false);
  });

  it('still throws failures that are not refusals', async () => {
    await expect(can({ user: 'ann', databaseUp: false }, 'note:read')).rejects.toThrow('connection refused');
    await expect(can(ann, 'note:rename')).rejects.toThrow('name is too long');
  });
});
