import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mocks/node';
import { http, HttpResponse } from 'msw';
import { ApiError, apiFetch, onSessionEnded, sessionChanged, shouldRetry, toQuery } from './client';
import type { SessionInfo } from './types';

const { server, store } = createMockServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  store.reset();
  document.cookie = 'prime_session=; Max-Age=0; Path=/';
});
afterAll(() => server.close());
afterEach(() => onSessionEnded(null));
let requests: string[] = [];
server.events.on('request:start', ({ request }) => void requests.push(`${request.method} ${new URL(request.url).pathname}`));
beforeEach(() => {
  requests = [];
});

describe('a request that meets an ended session', () => {
  const lockFirstActiveCard = () => {
    const card = store.db.cards.find((c) => c.status === 'Active')!;
    return { card, send: () => apiFetch(`/cards/${card.id}/actions/lock`, { method: 'POST', body: { reason: 'Lost' }, ifMatch: card.version }) };
  };

  it('waits while the person signs in again, then is sent once more and goes through', async () => {
    await apiFetch('/session', { method: 'POST', body: { username: 'registration-officer', password: 'demo' } });
    store.db.sessions.clear(); // the session ends
    const asked: (string | undefined)[] = [];
    onSessionEnded(async (problem) => {
      asked.push(problem.code);
      await apiFetch('/session', { method: 'POST', body: { username: 'registration-officer', password: 'demo' } });
      return true;
    });
    const { card, send } = lockFirstActiveCard();
    await send();
    expect(asked).toEqual(['not-signed-in']);
    expect(store.db.cards.get(card.id)?.status).toBe('Locked');
    expect(requests.filter((r) => r.endsWith('/actions/lock'))).toHaveLength(2);
  });

  it('is not sent again when the handler says no (another person signed in), and the 401 stands', async () => {
    await apiFetch('/session', { method: 'POST', body: { username: 'registration-officer', password: 'demo' } });
    store.db.sessions.clear();
    onSessionEnded(async () => false);
    const { card, send } = lockFirstActiveCard();
    const error = await send().catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(401);
    expect(store.db.cards.get(card.id)?.status).toBe('Active');
    expect(requests.filter((r) => r.endsWith('/actions/lock'))).toHaveLength(1);
  });

  it('does not ask when the 401 answers a request sent before the signed-in person changed', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.get('*/api/v1/persons', async () => {
        await gate;
        return HttpResponse.json({ type: '/problems/401', title: 'Not signed in', status: 401, code: 'not-signed-in' }, { status: 401 });
      }, { once: true }),
    );
    let asked = 0;
    onSessionEnded(async () => (asked++, true));
    const pending = apiFetch('/persons').catch((e: unknown) => e);
    sessionChanged(); // someone signs in while the answer is on its way
    release();
    expect(((await pending) as ApiError).status).toBe(401);
    expect(asked).toBe(0);
    expect(requests.filter((r) => r === 'GET /api/v1/persons')).toHaveLength(1);
  });

  it('never asks for a refused sign-in or for who is signed in', async () => {
    let asked = 0;
    onSessionEnded(async () => (asked++, true));
    expect(((await apiFetch('/session', { method: 'POST', body: { username: 'approver', password: 'wrong' } }).catch((e: unknown) => e)) as ApiError).status).toBe(401);
    expect(((await apiFetch('/session').catch((e: unknown) => e)) as ApiError).status).toBe(401);
    expect(asked).toBe(0);
  });
});

describe('the API client', () => {
  it('sends the CSRF header on changes, so the backend accepts the sign-in', async () => {
    const session = await apiFetch<SessionInfo>('/session', { method: 'POST', body: { username: 'approver', password: 'demo' } });
    expect(session.user.username).toBe('approver');
  });

  it('turns problem+json into an ApiError that names the missing right', async () => {
    await apiFetch('/session', { method: 'POST', body: { username: 'approver', password: 'demo' } });
    const error = await apiFetch('/admin/services').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).problem.missingRight).toBe('Admin');
  });

  it('does not retry refusals (4xx), and retries a network failure at most twice', () => {
    for (const status of [400, 401, 403, 404, 409, 412, 422, 428]) {
      expect(shouldRetry(0, new ApiError(status, { type: 't', title: 't', status }))).toBe(false);
    }
    const offline = new ApiError(0, { type: 't', title: 'Network error', status: 0 });
    expect(shouldRetry(0, offline)).toBe(true);
    expect(shouldRetry(2, offline)).toBe(false);
  });

  it('builds query strings without empty values', () => {
    expect(toQuery({ q: 'berg', status: '', page: 2, x: undefined })).toBe('?q=berg&page=2');
    expect(toQuery({})).toBe('');
  });
});
