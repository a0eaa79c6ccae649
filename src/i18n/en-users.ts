/** English messages of Roles and User Administration (keys start with `roles.` and `users.`). */
export const enUsers = {} as const;
