/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type GameSessionStatus =
  | 'ENDED'
  | 'RUNNING';

export type SocialHostFragment = { uuid: string, onlyFriends: boolean, allowNonames: boolean, friends: { edges: Array<{ node: { uuid: string } }> }, banlist: { edges: Array<{ node: { uuid: string } }> } };

export type SocialSessionFragment = { id: number, status: GameSessionStatus, sourceOfTruthKey: string | null, createdAt: string, endedAt: string | null, host: { uuid: string }, players: { edges: Array<{ node: { guest: string } }> } };

export type RegisterHostMutationVariables = Exact<{ [key: string]: never; }>;


export type RegisterHostMutation = { registerHost: { uuid: string, onlyFriends: boolean, allowNonames: boolean, friends: { edges: Array<{ node: { uuid: string } }> }, banlist: { edges: Array<{ node: { uuid: string } }> } } };

export type F2MutationVariables = Exact<{
  host: string;
}>;


export type F2Mutation = { issueHostToken: { token: string } };

export type F3MutationVariables = Exact<{ [key: string]: never; }>;


export type F3Mutation = { renewHostToken: { token: string } };

export type F4QueryVariables = Exact<{
  host: string;
}>;


export type F4Query = { host: { uuid: string, onlyFriends: boolean, allowNonames: boolean, friends: { edges: Array<{ node: { uuid: string } }> }, banlist: { edges: Array<{ node: { uuid: string } }> } } | null };

export type F5MutationVariables = Exact<{
  host: string;
  onlyFriends: boolean;
}>;


export type F5Mutation = { setOnlyFriends: { uuid: string, onlyFriends: boolean, allowNonames: boolean, friends: { edges: Array<{ node: { uuid: string } }> }, banlist: { edges: Array<{ node: { uuid: string } }> } } };

export type F6MutationVariables = Exact<{
  host: string;
  allowNonames: boolean;
}>;


export type F6Mutation = { setAllowNonames: { uuid: string, onlyFriends: boolean, allowNonames: boolean, friends: { edges: Array<{ node: { uuid: string } }> }, banlist: { edges: Array<{ node: { uuid: string } }> } } };

export type F7MutationVariables = Exact<{
  host: string;
  friend: string;
}>;


export type F7Mutation = { befriend: { uuid: string, onlyFriends: boolean, allowNonames: boolean, friends: { edges: Array<{ node: { uuid: string } }> }, banlist: { edges: Array<{ node: { uuid: string } }> } } };

export type F8MutationVariables = Exact<{
  host: string;
  formerFriend: string;
}>;


export type F8Mutation = { unfriend: { uuid: string, onlyFriends: boolean, allowNonames: boolean, friends: { edges: Array<{ node: { uuid: string } }> }, banlist: { edges: Array<{ node: { uuid: string } }> } } };

export type F9MutationVariables = Exact<{
  host: string;
  banned: string;
}>;


export type F9Mutation = { ban: { uuid: string, onlyFriends: boolean, allowNonames: boolean, friends: { edges: Array<{ node: { uuid: string } }> }, banlist: { edges: Array<{ node: { uuid: string } }> } } };

export type F10MutationVariables = Exact<{
  host: string;
  banned: string;
}>;


export type F10Mutation = { unban: { uuid: string, onlyFriends: boolean, allowNonames: boolean, friends: { edges: Array<{ node: { uuid: string } }> }, banlist: { edges: Array<{ node: { uuid: string } }> } } };

export type F11MutationVariables = Exact<{
  host: string;
}>;


export type F11Mutation = { launchSession: { sessionId: number, sourceOfTruthKey: string } };

export type F12MutationVariables = Exact<{
  host: string;
  guest: string;
}>;


export type F12Mutation = { joinSession: { id: number } };

export type F11aQueryVariables = Exact<{
  id: number;
}>;


export type F11aQuery = { gameSession: { id: number, status: GameSessionStatus, sourceOfTruthKey: string | null, createdAt: string, endedAt: string | null, host: { uuid: string }, players: { edges: Array<{ node: { guest: string } }> } } | null };

export type F11bMutationVariables = Exact<{
  id: number;
}>;


export type F11bMutation = { endSession: { id: number, status: GameSessionStatus, sourceOfTruthKey: string | null, createdAt: string, endedAt: string | null, host: { uuid: string }, players: { edges: Array<{ node: { guest: string } }> } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SocialHostFragmentDoc = new TypedDocumentString(`
    fragment SocialHost on Host {
  uuid
  onlyFriends
  allowNonames
  friends(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
  banlist(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
}
    `, {"fragmentName":"SocialHost"}) as unknown as TypedDocumentString<SocialHostFragment, unknown>;
export const SocialSessionFragmentDoc = new TypedDocumentString(`
    fragment SocialSession on GameSession {
  id
  host {
    uuid
  }
  status
  sourceOfTruthKey
  players(first: 100) {
    edges {
      node {
        guest
      }
    }
  }
  createdAt
  endedAt
}
    `, {"fragmentName":"SocialSession"}) as unknown as TypedDocumentString<SocialSessionFragment, unknown>;
export const RegisterHostDocument = new TypedDocumentString(`
    mutation RegisterHost {
  registerHost {
    ...SocialHost
  }
}
    fragment SocialHost on Host {
  uuid
  onlyFriends
  allowNonames
  friends(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
  banlist(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
}`) as unknown as TypedDocumentString<RegisterHostMutation, RegisterHostMutationVariables>;
export const F2Document = new TypedDocumentString(`
    mutation F2($host: UUID!) {
  issueHostToken(host: $host) {
    token
  }
}
    `) as unknown as TypedDocumentString<F2Mutation, F2MutationVariables>;
export const F3Document = new TypedDocumentString(`
    mutation F3 {
  renewHostToken {
    token
  }
}
    `) as unknown as TypedDocumentString<F3Mutation, F3MutationVariables>;
export const F4Document = new TypedDocumentString(`
    query F4($host: UUID!) {
  host(uuid: $host) {
    ...SocialHost
  }
}
    fragment SocialHost on Host {
  uuid
  onlyFriends
  allowNonames
  friends(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
  banlist(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
}`) as unknown as TypedDocumentString<F4Query, F4QueryVariables>;
export const F5Document = new TypedDocumentString(`
    mutation F5($host: UUID!, $onlyFriends: Boolean!) {
  setOnlyFriends(host: $host, onlyFriends: $onlyFriends) {
    ...SocialHost
  }
}
    fragment SocialHost on Host {
  uuid
  onlyFriends
  allowNonames
  friends(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
  banlist(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
}`) as unknown as TypedDocumentString<F5Mutation, F5MutationVariables>;
export const F6Document = new TypedDocumentString(`
    mutation F6($host: UUID!, $allowNonames: Boolean!) {
  setAllowNonames(host: $host, allowNonames: $allowNonames) {
    ...SocialHost
  }
}
    fragment SocialHost on Host {
  uuid
  onlyFriends
  allowNonames
  friends(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
  banlist(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
}`) as unknown as TypedDocumentString<F6Mutation, F6MutationVariables>;
export const F7Document = new TypedDocumentString(`
    mutation F7($host: UUID!, $friend: UUID!) {
  befriend(host: $host, friend: $friend) {
    ...SocialHost
  }
}
    fragment SocialHost on Host {
  uuid
  onlyFriends
  allowNonames
  friends(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
  banlist(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
}`) as unknown as TypedDocumentString<F7Mutation, F7MutationVariables>;
export const F8Document = new TypedDocumentString(`
    mutation F8($host: UUID!, $formerFriend: UUID!) {
  unfriend(host: $host, formerFriend: $formerFriend) {
    ...SocialHost
  }
}
    fragment SocialHost on Host {
  uuid
  onlyFriends
  allowNonames
  friends(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
  banlist(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
}`) as unknown as TypedDocumentString<F8Mutation, F8MutationVariables>;
export const F9Document = new TypedDocumentString(`
    mutation F9($host: UUID!, $banned: UUID!) {
  ban(host: $host, banned: $banned) {
    ...SocialHost
  }
}
    fragment SocialHost on Host {
  uuid
  onlyFriends
  allowNonames
  friends(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
  banlist(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
}`) as unknown as TypedDocumentString<F9Mutation, F9MutationVariables>;
export const F10Document = new TypedDocumentString(`
    mutation F10($host: UUID!, $banned: UUID!) {
  unban(host: $host, banned: $banned) {
    ...SocialHost
  }
}
    fragment SocialHost on Host {
  uuid
  onlyFriends
  allowNonames
  friends(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
  banlist(first: 100) {
    edges {
      node {
        uuid
      }
    }
  }
}`) as unknown as TypedDocumentString<F10Mutation, F10MutationVariables>;
export const F11Document = new TypedDocumentString(`
    mutation F11($host: UUID!) {
  launchSession(host: $host) {
    sessionId
    sourceOfTruthKey
  }
}
    `) as unknown as TypedDocumentString<F11Mutation, F11MutationVariables>;
export const F12Document = new TypedDocumentString(`
    mutation F12($host: UUID!, $guest: String!) {
  joinSession(host: $host, guest: $guest) {
    id
  }
}
    `) as unknown as TypedDocumentString<F12Mutation, F12MutationVariables>;
export const F11aDocument = new TypedDocumentString(`
    query F11a($id: Int!) {
  gameSession(id: $id) {
    ...SocialSession
  }
}
    fragment SocialSession on GameSession {
  id
  host {
    uuid
  }
  status
  sourceOfTruthKey
  players(first: 100) {
    edges {
      node {
        guest
      }
    }
  }
  createdAt
  endedAt
}`) as unknown as TypedDocumentString<F11aQuery, F11aQueryVariables>;
export const F11bDocument = new TypedDocumentString(`
    mutation F11b($id: Int!) {
  endSession(id: $id) {
    ...SocialSession
  }
}
    fragment SocialSession on GameSession {
  id
  host {
    uuid
  }
  status
  sourceOfTruthKey
  players(first: 100) {
    edges {
      node {
        guest
      }
    }
  }
  createdAt
  endedAt
}`) as unknown as TypedDocumentString<F11bMutation, F11bMutationVariables>;