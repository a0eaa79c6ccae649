import type { Store } from '../db/store';

/** Self-Service of visitors, mobile ID, software token and virtual smart card users: own objects only. */
export function selfServiceCredentialHandlers(store: Store) {
  void store;
  return [];
}
