import { projectPath } from '../../common/paths';

/** Where `npm run build` puts the bundled GraphQL IDE (scripts/build-graphiql.ts); dist/ is not committed. */
export const IDE_ASSET_DIR = projectPath('dist', 'graphiql');
