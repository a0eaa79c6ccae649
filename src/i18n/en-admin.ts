/** English messages of the Admin view (keys start with `admin.`). */
export const enAdmin = {} as const;
