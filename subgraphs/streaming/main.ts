import { runSubgraphProcess } from '../../common/subgraph-process';
import { streamingSubgraph } from '.';

runSubgraphProcess(streamingSubgraph);
