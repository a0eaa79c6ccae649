import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mocks/node';
import { ApiError, apiFetch, shouldRetry, toQuery } from './client';
import type { SessionInfo } from './types';

const { server, store } = createMockServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  store.reset();
  document.cookie = 'prime_session=; Max-Age=0; Path=/';
});
afterAll(() => server.close());

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
