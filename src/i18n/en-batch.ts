/** English messages of Batch Orders (keys start with `batch.`). */
export const enBatch = {} as const;
