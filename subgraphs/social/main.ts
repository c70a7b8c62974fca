import { runSubgraphProcess } from '../../common/subgraph-process';
import { socialSubgraph } from '.';

runSubgraphProcess(socialSubgraph);
