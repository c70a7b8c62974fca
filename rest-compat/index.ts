import { generalFamily } from './general/family';
import { platformFamily } from './platform/family';
import type { RestFamily } from './route-table';
import { socialFamily } from './social/family';
import { streamingFamily } from './streaming/family';

/** Every REST family the gateway serves. */
export const REST_FAMILIES: RestFamily[] = [platformFamily, streamingFamily, socialFamily, generalFamily];
