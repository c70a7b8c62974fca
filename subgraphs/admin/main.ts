import { runSubgraphProcess } from '../../common/subgraph-process';
import { adminSubgraph } from '.';

runSubgraphProcess(adminSubgraph);
