import { runSubgraphProcess } from '../../common/subgraph-process';
import { ticketsSubgraph } from '.';

runSubgraphProcess(ticketsSubgraph);
