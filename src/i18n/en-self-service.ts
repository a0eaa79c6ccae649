/** English messages of the self-service user's pages (keys start with `self.`). */
export const enSelfService = {} as const;
