/** English messages of Open Tasks (keys start with `tasks.`). */
export const enTasks = {} as const;
