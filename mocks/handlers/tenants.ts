import type { Store } from '../db/store';

/** Tenants: the list at sign-in, and the Admin view's list and create (Explorer right Admin). */
export function tenantHandlers(store: Store) {
  void store;
  return [];
}
