/**
 * Routes for end-to-end tests of the contract server (`npm run mock-api -- --test-control`), outside
 * /api/v1 so the shipped nginx config never passes them on; off unless asked for:
 *   POST /__control/reset                     → the generated organisation again, no lock-outs, and the
 *                                               session idle time the server started with
 *   POST /__control/session-idle?seconds=N    → the caller's session (its cookie) ends after N seconds
 *                                               without use; other sessions, of tests running beside
 *                                               it on the same server, keep theirs
 */
import { http, HttpResponse } from 'msw';
import type { Store } from './db/store';
import { SESSION_COOKIE } from './handlers/http';

export function testControlHandlers(store: Store) {
  const startIdleMs = store.sessionIdleMs;
  return [
    http.post('*/__control/reset', () => {
      store.reset();
      store.sessionIdleMs = startIdleMs;
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/__control/session-idle', ({ request, cookies }) => {
      const seconds = Number(new URL(request.url).searchParams.get('seconds'));
      if (!Number.isInteger(seconds) || seconds < 1) return HttpResponse.json({ title: 'seconds must be a whole number from 1' }, { status: 422 });
      const sid = cookies[SESSION_COOKIE];
      if (!sid || !store.setSessionIdle(sid, seconds * 1000)) return HttpResponse.json({ title: 'sign in first: this sets the idle time of the caller’s session' }, { status: 422 });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
