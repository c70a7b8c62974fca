/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SocialHost on Host {\n    uuid\n    onlyFriends\n    allowNonames\n    friends(first: 100) {\n      edges {\n        node {\n          uuid\n        }\n      }\n    }\n    banlist(first: 100) {\n      edges {\n        node {\n          uuid\n        }\n      }\n    }\n  }\n": typeof types.SocialHostFragmentDoc,
    "\n  fragment SocialSession on GameSession {\n    id\n    host {\n      uuid\n    }\n    status\n    sourceOfTruthKey\n    players(first: 100) {\n      edges {\n        node {\n          guest\n        }\n      }\n    }\n    createdAt\n    endedAt\n  }\n": typeof types.SocialSessionFragmentDoc,
    "mutation RegisterHost { registerHost { ...SocialHost } }": typeof types.RegisterHostDocument,
    "mutation F2($host: UUID!) { issueHostToken(host: $host) { token } }": typeof types.F2Document,
    "mutation F3 { renewHostToken { token } }": typeof types.F3Document,
    "query F4($host: UUID!) { host(uuid: $host) { ...SocialHost } }": typeof types.F4Document,
    "mutation F5($host: UUID!, $onlyFriends: Boolean!) { setOnlyFriends(host: $host, onlyFriends: $onlyFriends) { ...SocialHost } }": typeof types.F5Document,
    "mutation F6($host: UUID!, $allowNonames: Boolean!) { setAllowNonames(host: $host, allowNonames: $allowNonames) { ...SocialHost } }": typeof types.F6Document,
    "mutation F7($host: UUID!, $friend: UUID!) { befriend(host: $host, friend: $friend) { ...SocialHost } }": typeof types.F7Document,
    "mutation F8($host: UUID!, $formerFriend: UUID!) { unfriend(host: $host, formerFriend: $formerFriend) { ...SocialHost } }": typeof types.F8Document,
    "mutation F9($host: UUID!, $banned: UUID!) { ban(host: $host, banned: $banned) { ...SocialHost } }": typeof types.F9Document,
    "mutation F10($host: UUID!, $banned: UUID!) { unban(host: $host, banned: $banned) { ...SocialHost } }": typeof types.F10Document,
    "mutation F11($host: UUID!) { launchSession(host: $host) { sessionId sourceOfTruthKey } }": typeof types.F11Document,
    "mutation F12($host: UUID!, $guest: String!) { joinSession(host: $host, guest: $guest) { id } }": typeof types.F12Document,
    "query F11a($id: Int!) { gameSession(id: $id) { ...SocialSession } }": typeof types.F11aDocument,
    "mutation F11b($id: Int!) { endSession(id: $id) { ...SocialSession } }": typeof types.F11bDocument,
};
const documents: Documents = {
    "\n  fragment SocialHost on Host {\n    uuid\n    onlyFriends\n    allowNonames\n    friends(first: 100) {\n      edges {\n        node {\n          uuid\n        }\n      }\n    }\n    banlist(first: 100) {\n      edges {\n        node {\n          uuid\n        }\n      }\n    }\n  }\n": types.SocialHostFragmentDoc,
    "\n  fragment SocialSession on GameSession {\n    id\n    host {\n      uuid\n    }\n    status\n    sourceOfTruthKey\n    players(first: 100) {\n      edges {\n        node {\n          guest\n        }\n      }\n    }\n    createdAt\n    endedAt\n  }\n": types.SocialSessionFragmentDoc,
    "mutation RegisterHost { registerHost { ...SocialHost } }": types.RegisterHostDocument,
    "mutation F2($host: UUID!) { issueHostToken(host: $host) { token } }": types.F2Document,
    "mutation F3 { renewHostToken { token } }": types.F3Document,
    "query F4($host: UUID!) { host(uuid: $host) { ...SocialHost } }": types.F4Document,
    "mutation F5($host: UUID!, $onlyFriends: Boolean!) { setOnlyFriends(host: $host, onlyFriends: $onlyFriends) { ...SocialHost } }": types.F5Document,
    "mutation F6($host: UUID!, $allowNonames: Boolean!) { setAllowNonames(host: $host, allowNonames: $allowNonames) { ...SocialHost } }": types.F6Document,
    "mutation F7($host: UUID!, $friend: UUID!) { befriend(host: $host, friend: $friend) { ...SocialHost } }": types.F7Document,
    "mutation F8($host: UUID!, $formerFriend: UUID!) { unfriend(host: $host, formerFriend: $formerFriend) { ...SocialHost } }": types.F8Document,
    "mutation F9($host: UUID!, $banned: UUID!) { ban(host: $host, banned: $banned) { ...SocialHost } }": types.F9Document,
    "mutation F10($host: UUID!, $banned: UUID!) { unban(host: $host, banned: $banned) { ...SocialHost } }": types.F10Document,
    "mutation F11($host: UUID!) { launchSession(host: $host) { sessionId sourceOfTruthKey } }": types.F11Document,
    "mutation F12($host: UUID!, $guest: String!) { joinSession(host: $host, guest: $guest) { id } }": types.F12Document,
    "query F11a($id: Int!) { gameSession(id: $id) { ...SocialSession } }": types.F11aDocument,
    "mutation F11b($id: Int!) { endSession(id: $id) { ...SocialSession } }": types.F11bDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SocialHost on Host {\n    uuid\n    onlyFriends\n    allowNonames\n    friends(first: 100) {\n      edges {\n        node {\n          uuid\n        }\n      }\n    }\n    banlist(first: 100) {\n      edges {\n        node {\n          uuid\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SocialHostFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SocialSession on GameSession {\n    id\n    host {\n      uuid\n    }\n    status\n    sourceOfTruthKey\n    players(first: 100) {\n      edges {\n        node {\n          guest\n        }\n      }\n    }\n    createdAt\n    endedAt\n  }\n"): typeof import('./graphql').SocialSessionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegisterHost { registerHost { ...SocialHost } }"): typeof import('./graphql').RegisterHostDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F2($host: UUID!) { issueHostToken(host: $host) { token } }"): typeof import('./graphql').F2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F3 { renewHostToken { token } }"): typeof import('./graphql').F3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query F4($host: UUID!) { host(uuid: $host) { ...SocialHost } }"): typeof import('./graphql').F4Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F5($host: UUID!, $onlyFriends: Boolean!) { setOnlyFriends(host: $host, onlyFriends: $onlyFriends) { ...SocialHost } }"): typeof import('./graphql').F5Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F6($host: UUID!, $allowNonames: Boolean!) { setAllowNonames(host: $host, allowNonames: $allowNonames) { ...SocialHost } }"): typeof import('./graphql').F6Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F7($host: UUID!, $friend: UUID!) { befriend(host: $host, friend: $friend) { ...SocialHost } }"): typeof import('./graphql').F7Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F8($host: UUID!, $formerFriend: UUID!) { unfriend(host: $host, formerFriend: $formerFriend) { ...SocialHost } }"): typeof import('./graphql').F8Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F9($host: UUID!, $banned: UUID!) { ban(host: $host, banned: $banned) { ...SocialHost } }"): typeof import('./graphql').F9Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F10($host: UUID!, $banned: UUID!) { unban(host: $host, banned: $banned) { ...SocialHost } }"): typeof import('./graphql').F10Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F11($host: UUID!) { launchSession(host: $host) { sessionId sourceOfTruthKey } }"): typeof import('./graphql').F11Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F12($host: UUID!, $guest: String!) { joinSession(host: $host, guest: $guest) { id } }"): typeof import('./graphql').F12Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query F11a($id: Int!) { gameSession(id: $id) { ...SocialSession } }"): typeof import('./graphql').F11aDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation F11b($id: Int!) { endSession(id: $id) { ...SocialSession } }"): typeof import('./graphql').F11bDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
