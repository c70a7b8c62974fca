import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';

/** The viewer count of one sampling interval (O36), keyed by the interval's start. */
export const ViewerSample = defineEntity({
  name: 'ViewerSample',
  tableName: 'viewer_samples',
  properties: {
    bucket: p.datetime().primary(),
    viewerCount: p.integer(),
  },
});
export type ViewerSample = InferEntity<typeof ViewerSample>;
