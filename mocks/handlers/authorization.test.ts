// @vitest-environment node
import { CSRF, signInOver } from '../contract/signInOver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../node';

/*
 * The backend refuses what the roles do not grant. Expected access written from the seed's roles
 * table (persona → views), independent of the code's own rights model.
 */
const VIEWS_BY_PERSONA: Record<string, string[]> = {
  'bootstrap-administrator': ['Admin', 'Roles', 'User Administration'],
  'policy-administrator': ['Roles', 'User Administration'],
  'service-administrator': ['Admin'],
  'registration-officer': ['Extended Search', 'Open Tasks', 'Batch Orders', 'Admin'],
  approver: ['Open Tasks'],
  'card-production-administrator': ['Extended Search', 'Batch Orders'],
  'issuing-authority': ['Extended Search'],
  'user-administrator': ['Extended Search', 'Roles', 'User Administration'],
  helpdesk: ['Extended Search', 'Open Tasks'],
  'self-service-user': ['Self-Service'],
  'self-service-visitor': ['Self-Service'],
  'mobile-id-user': ['Self-Service'],
  'software-token-user': ['Self-Service'],
  'virtual-smart-card-user': ['Self-Service'],
  'mobile-id-administrator': ['Digital ID'],
  'software-token-administrator': ['Digital ID'],
  'server-certificate-approver': ['Digital ID'],
  'server-administrator': ['Digital ID'],
  'server-certificate-registration-officer': ['Digital ID'],
  'multi-role': ['Extended Search', 'Open Tasks', 'Batch Orders'],
  'role-batch-officer': ['Extended Search', 'Open Tasks', 'Batch Orders', 'Admin', 'Roles', 'User Administration'],
};
const ENDPOINT_OF_VIEW: Record<string, string> = {
  'Extended Search': '/api/v1/persons',
  'Open Tasks': '/api/v1/tasks',
  'Batch Orders': '/api/v1/batch-orders',
  Admin: '/api/v1/admin/services',
  Roles: '/api/v1/roles',
  'User Administration': '/api/v1/users',
  'Self-Service': '/api/v1/self-service/me',
  'Digital ID': '/api/v1/digital-id/overview',
};

const BASE = 'http://localhost';
const { server, store } = createMockServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => store.reset());
afterAll(() => server.close());

const signIn = (username: string, password = 'demo') => signInOver(`${BASE}/api/v1`, username, password);
const get = (path: string, cookie?: string) => fetch(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });

describe('every persona × every view endpoint: 200 where granted, exactly 403 elsewhere', () => {
  for (const [persona, views] of Object.entries(VIEWS_BY_PERSONA)) {
    for (const [view, path] of Object.entries(ENDPOINT_OF_VIEW)) {
      const allowed = views.includes(view);
      it(`${persona} GET ${path} → ${allowed ? 200 : 403}`, async () => {
        const { cookie } = await signIn(persona);
        const res = await get(path, cookie);
        expect(res.status).toBe(allowed ? 200 : 403);
        if (!allowed) {
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          const body = (await res.json()) as { missingRight?: string; status: number };
          expect(body).toMatchObject({ status: 403, missingRight: view });
        }
      });
    }
  }
});

describe('authentication', () => {
  it('every view endpoint answers 401 without a session', async () => {
    for (const path of Object.values(ENDPOINT_OF_VIEW)) expect((await get(path)).status).toBe(401);
    expect((await get('/api/v1/session')).status).toBe(401);
  });

  it('GET /session tells who is signed in, their roles, rights and permissions', async () => {
    const { res, cookie } = await signIn('multi-role');
    expect(res.status).toBe(200);
    expect(cookie).toMatch(/^prime_session=.+/);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
    const body = await (await get('/api/v1/session', cookie)).json();
    expect(body.user.username).toBe('multi-role');
    expect(body.user.displayName).toBe('Maja Bengtsson');
    expect(body.roles.sort()).toEqual(['BaseRoleOfficer', 'BaseRoleProductionAdmin']);
    expect(body.rights.sort()).toEqual(['Batch Orders', 'Extended Search', 'Open Tasks']);
    expect(body.permissions).toContain('card:approve-production');
  });

  it('gives one answer for an unknown user and a wrong password', async () => {
    const unknown = await signIn('nobody-here');
    const wrong = await signIn('approver', 'not-the-password');
    expect(unknown.res.status).toBe(401);
    expect(wrong.res.status).toBe(401);
    expect(await unknown.res.json()).toEqual(await wrong.res.json());
    expect(unknown.cookie).toBe('');
  });

  it('refuses interactive sign-in for the batch sync system account', async () => {
    const { res, cookie } = await signIn('batch-sync');
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toMatch(/system account/i);
    expect(cookie).toBe('');
  });

  it('answers 422 with field errors for a sign-in without username or password', async () => {
    const res = await fetch(`${BASE}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...CSRF },
      body: JSON.stringify({ username: '', password: '' }),
    });
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).errors).sort()).toEqual(['password', 'username']);
  });

  it('sign-out ends the session in the backend: the old cookie no longer works', async () => {
    const { cookie } = await signIn('helpdesk');
    expect((await get('/api/v1/persons', cookie)).status).toBe(200);
    const out = await fetch(`${BASE}/api/v1/session`, { method: 'DELETE', headers: { Cookie: cookie, ...CSRF } });
    expect(out.status).toBe(204);
    expect((await get('/api/v1/persons', cookie)).status).toBe(401);
    expect((await get('/api/v1/session', cookie)).status).toBe(401);
  });

  it('a forged session id is not a session', async () => {
    expect((await get('/api/v1/persons', 'prime_session=forged')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the X-Requested-With header', async () => {
    const res = await fetch(`${BASE}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'approver', password: 'demo' }),
    });
    expect(res.status).toBe(403);
    const { cookie } = await signIn('approver');
    const out = await fetch(`${BASE}/api/v1/session`, { method: 'DELETE', headers: { Cookie: cookie } });
    expect(out.status).toBe(403);
    expect((await get('/api/v1/tasks', cookie)).status).toBe(200);
  });
});

describe('audit', () => {
  it('records denied requests and sign-ins with actor, target and outcome', async () => {
    const { cookie } = await signIn('approver');
    await get('/api/v1/admin/services', cookie);
    await signIn('approver', 'wrong');
    const entries = store.db.audit;
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'approver', action: 'sign-in', outcome: 'success' }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'approver', target: 'GET /api/v1/admin/services', outcome: 'denied' }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'approver', action: 'sign-in', outcome: 'failed' }));
    for (const e of entries) expect(new Date(e.at).toISOString()).toBe(e.at);
  });
});

describe('collections', () => {
  it('pages, filters and validates the query', async () => {
    const { cookie } = await signIn('registration-officer');
    const page1 = await (await get('/api/v1/persons?pageSize=10', cookie)).json();
    expect(page1.items).toHaveLength(10);
    expect(page1.total).toBeGreaterThan(2000);
    const page2 = await (await get('/api/v1/persons?pageSize=10&page=2', cookie)).json();
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    const one = page1.items[0];
    const found = await (await get(`/api/v1/persons?q=${encodeURIComponent(one.personalId)}`, cookie)).json();
    expect(found.items.map((p: { id: string }) => p.id)).toContain(one.id);
    const locked = await (await get('/api/v1/persons?status=Locked&pageSize=200', cookie)).json();
    expect(locked.items.every((p: { status: string }) => p.status === 'Locked')).toBe(true);
    for (const bad of ['page=0', 'pageSize=201', 'pageSize=x', 'sort=password:asc', 'sort=lastName:up']) {
      const res = await get(`/api/v1/persons?${bad}`, cookie);
      expect(res.status, bad).toBe(422);
    }
  });

  it('self-service returns only the caller’s own person and credentials', async () => {
    const { cookie } = await signIn('self-service-user');
    const me = await (await get('/api/v1/self-service/me', cookie)).json();
    expect(me.person.displayName).toBe('Elin Forsberg');
    expect(me.cards.length).toBeGreaterThan(0);
    for (const c of [...me.cards, ...me.certificates, ...me.credentials]) expect(c.personId).toBe(me.person.id);
  });

  it('open tasks hold only tasks the caller may decide', async () => {
    const approver = await (await get('/api/v1/tasks?pageSize=200', (await signIn('approver')).cookie)).json();
    expect(approver.total).toBeGreaterThan(0);
    expect(new Set(approver.items.map((t: { type: string }) => t.type))).toEqual(new Set(['card-approval']));
    const helpdesk = await (await get('/api/v1/tasks?pageSize=200', (await signIn('helpdesk')).cookie)).json();
    expect(new Set(helpdesk.items.map((t: { type: string }) => t.type))).toEqual(new Set(['prime-user-activation']));
  });
});
