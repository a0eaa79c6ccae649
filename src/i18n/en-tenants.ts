/** English messages of tenants: the picker at sign-in and the Admin view's Tenants (keys start with `tenants.`). */
export const enTenants = {} as const;
