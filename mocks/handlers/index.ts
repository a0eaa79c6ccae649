import { http } from 'msw';
import type { Store } from '../db/store';
import { API, problem } from './http';
import { sessionHandlers } from './session';
import { adminHandlers } from './admin';
import { tenantHandlers } from './tenants';
import { userHandlers } from './users';
import { selfServiceHandlers } from './selfService';
import { selfServiceCredentialHandlers } from './selfServiceCredentials';
import { selfServiceInvitationHandlers } from './selfServiceInvitations';
import { digitalIdHandlers } from './digitalId';
import { objectHandlers } from './objects';
import { taskHandlers } from './tasks';
import { batchOrderHandlers } from './batchOrders';

/** All handlers over one store. Anything under /api/v1 that no handler serves is a 404 problem. */
export function createHandlers(store: Store) {
  return [
    ...sessionHandlers(store),
    ...objectHandlers(store),
    ...taskHandlers(store),
    ...batchOrderHandlers(store),
    ...adminHandlers(store),
    ...tenantHandlers(store),
    ...userHandlers(store),
    ...selfServiceHandlers(store),
    ...selfServiceCredentialHandlers(store),
    ...selfServiceInvitationHandlers(store),
    ...digitalIdHandlers(store),
    http.all(`${API}/*`, () => problem(404, 'Not found', 'There is no such endpoint.')),
  ];
}
