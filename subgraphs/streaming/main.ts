// First: tracing instruments http, undici and pg before anything below loads them.
import '../../common/tracing';
import { runSubgraphProcess } from '../../common/subgraph-process';
import { streamingSubgraph } from '.';

runSubgraphProcess(streamingSubgraph);
