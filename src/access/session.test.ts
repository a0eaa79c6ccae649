// Asking who is signed in while someone signs in: the answer for the moment before (401, nobody)
// must not report the new session as ended and ask its person to sign in again.
import { QueryClient } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mocks/node';
import { apiFetch } from '../api/client';
import type { SessionInfo } from '../api/types';
import { fetchSession, installSessionRecovery, resetClientState } from './session';

const { server, store } = createMockServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  store.reset();
  document.cookie = 'prime_session=; Max-Age=0; Path=/';
});
afterAll(() => server.close());

describe('who is signed in, asked across a sign-in', () => {
  it('answers the new session, without asking anyone to sign in again', async () => {
    const qc = new QueryClient();
    installSessionRecovery(qc);
    qc.setQueryData(['session'], null);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.get('*/api/v1/session', async () => {
        await gate;
        return HttpResponse.json({ type: '/problems/401', title: 'Not signed in', status: 401, code: 'not-signed-in' }, { status: 401 });
      }, { once: true }),
    );
    const asked = fetchSession();
    const session = await apiFetch<SessionInfo>('/session', { method: 'POST', body: { username: 'registration-officer', password: 'demo' } });
    resetClientState(qc, session);
    release();
    const answer = await Promise.race([asked, new Promise((resolve) => setTimeout(() => resolve('asked to sign in again'), 2_000))]);
    expect(answer).toMatchObject({ user: { username: 'registration-officer' } });
  });
});
