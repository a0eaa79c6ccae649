/**
 * Routes for end-to-end tests of the contract server (`npm run mock-api -- --test-control`), outside
 * /api/v1 so the shipped nginx config never passes them on; off unless asked for:
 *   POST /__control/reset                     → the generated organisation again, no lock-outs, and the
 *                                               session idle time the server started with
 *   POST /__control/session-idle?seconds=N    → sessions end after N seconds without use
 */
import { http, HttpResponse } from 'msw';
import type { Store } from './db/store';

export function testControlHandlers(store: Store) {
  const startIdleMs = store.sessionIdleMs;
  return [
    http.post('*/__control/reset', () => {
      store.reset();
      store.sessionIdleMs = startIdleMs;
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/__control/session-idle', ({ request }) => {
      const seconds = Number(new URL(request.url).searchParams.get('seconds'));
      if (!Number.isInteger(seconds) || seconds < 1) return HttpResponse.json({ title: 'seconds must be a whole number from 1' }, { status: 422 });
      store.sessionIdleMs = seconds * 1000;
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
