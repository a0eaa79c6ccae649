// @vitest-environment node
// Tenants: the sign-in picker, sign-in per tenant, the Admin view's list and create, and the
// separation of every tenant's data in Extended Search, object pages, Open Tasks and Batch Orders.
import { describe, expect, it } from 'vitest';
import type { BatchOrder, BatchOrderDetail, Collection, Problem, SearchType, SessionInfo, Task, TaskDetail, Tenant, TenantChoice } from '../../src/api/types';
import { contractHarness } from '../contract/harness';

const c = contractHarness({ persons: 300 });

const DEFAULT = 'tenant-nordvik';
const LABS = 'tenant-nordvik-labs';
const SEARCH_TYPES: SearchType[] = ['persons', 'cards', 'temporary-cards', 'requests', 'certificates', 'mobile-ids', 'virtual-smart-cards', 'software-tokens'];
/** A tiny valid PNG (1×1 pixel). */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const signInTo = (username: string, tenant?: string) => c.signIn(username, tenant);

/** The persons of a tenant, as the seed made them (the expectation, not the code under test). */
const personsOf = (tenantId: string) => new Set(c.store.db.persons.filter((p) => (p.tenantId ?? DEFAULT) === tenantId).map((p) => p.id));
const createTenant = (cookie: string, body: unknown) => c.call('POST /admin/tenants', { cookie, body });

describe('the tenant picker', () => {
  it('lists every tenant with name and logo only, the default tenant first, without a session', async () => {
    const body = (await c.expectDocumented('GET /tenants', await c.call('GET /tenants'), 200)) as Collection<TenantChoice>;
    expect(body.items.map((t) => t.id)).toEqual([DEFAULT, LABS]);
    expect(body.items.map((t) => t.name)).toEqual(['Nordvik', 'Nordvik Labs']);
    for (const t of body.items) {
      expect(Object.keys(t).sort()).toEqual(['id', 'logo', 'name']);
      expect(t.logo).toMatch(/^data:image\/svg\+xml;base64,/);
    }
  });
});

describe('sign-in per tenant', () => {
  it('opens a session in the default tenant when no tenant is chosen', async () => {
    const { session } = await signInTo('registration-officer');
    expect(session.tenant).toEqual({ id: DEFAULT, name: 'Nordvik' });
  });

  it('opens a session in the chosen tenant, and GET /session says which', async () => {
    const { cookie, session } = await signInTo('registration-officer', LABS);
    expect(session.tenant).toEqual({ id: LABS, name: 'Nordvik Labs' });
    const again = (await c.expectDocumented('GET /session', await c.call('GET /session', { cookie }), 200)) as SessionInfo;
    expect(again.tenant.id).toBe(LABS);
  });

  it('answers 422 with errors.tenant for an unknown tenant, and opens no session', async () => {
    const before = c.store.db.sessions.size;
    for (const tenant of ['tenant-nowhere', 42, '']) {
      const res = await c.call('POST /session', { body: { username: 'registration-officer', password: 'demo', tenant } });
      expect(res.headers.get('Set-Cookie')).toBeNull();
      const problem = (await c.expectDocumented('POST /session', res, 422)) as Problem;
      expect(Object.keys(problem.errors ?? {})).toEqual(['tenant']);
    }
    expect(c.store.db.sessions.size).toBe(before);
  });

  it('gives an account that is not in the tenant the same 401 as a wrong password, and audits why', async () => {
    const wrong = (await c.expectDocumented('POST /session', await c.call('POST /session', { body: { username: 'labs-approver', password: 'nope', tenant: LABS } }), 401)) as Problem;
    const outsider = (await c.expectDocumented('POST /session', await c.call('POST /session', { body: { username: 'labs-approver', password: 'demo' } }), 401)) as Problem;
    expect(outsider).toEqual(wrong);
    expect(c.store.db.audit.at(-1)).toMatchObject({ actor: 'labs-approver', action: 'sign-in', outcome: 'denied', tenantId: DEFAULT, detail: expect.stringContaining(DEFAULT) as string });
    // An operator of the default tenant (not a persona) may not work in the subsidiary.
    const local = c.store.db.accounts.find((a) => !a.tenantIds && a.status === 'Active')!;
    await c.expectDocumented('POST /session', await c.call('POST /session', { body: { username: local.username, password: 'demo', tenant: LABS } }), 401);
    // Its own operators sign in to it.
    const { session } = await signInTo('labs-approver', LABS);
    expect(session.tenant.id).toBe(LABS);
  });

  it('records the tenant in the audit entries of sign-in and sign-out', async () => {
    const { cookie } = await signInTo('helpdesk', LABS);
    expect(c.store.db.audit.at(-1)).toMatchObject({ actor: 'helpdesk', action: 'sign-in', outcome: 'success', tenantId: LABS });
    await c.expectDocumented('DELETE /session', await c.call('DELETE /session', { cookie }), 204);
    expect(c.store.db.audit.at(-1)).toMatchObject({ actor: 'helpdesk', action: 'sign-out', tenantId: LABS });
  });
});

describe('Admin: the list of tenants', () => {
  it('lists the tenants with description, logo and creation time, sorted and searched', async () => {
    const { cookie } = await c.signIn('service-administrator');
    const all = (await c.expectDocumented('GET /admin/tenants', await c.call('GET /admin/tenants', { cookie }), 200)) as Collection<Tenant>;
    expect(all.items.map((t) => t.name)).toEqual(['Nordvik', 'Nordvik Labs']);
    expect(all.items[1]!.description).toMatch(/research/);
    const desc = (await c.expectDocumented('GET /admin/tenants', await c.call('GET /admin/tenants', { cookie, query: { sort: 'name:desc' } }), 200)) as Collection<Tenant>;
    expect(desc.items.map((t) => t.name)).toEqual(['Nordvik Labs', 'Nordvik']);
    const found = (await c.expectDocumented('GET /admin/tenants', await c.call('GET /admin/tenants', { cookie, query: { q: 'LABS' } }), 200)) as Collection<Tenant>;
    expect(found.items.map((t) => t.id)).toEqual([LABS]);
    const bad = (await c.expectDocumented('GET /admin/tenants', await c.call('GET /admin/tenants', { cookie, query: { sort: 'logo' } }), 422)) as Problem;
    expect(Object.keys(bad.errors ?? {})).toEqual(['sort']);
  });

  it('answers one tenant, and 404 for an unknown one', async () => {
    const { cookie } = await c.signIn('registration-officer');
    const t = (await c.expectDocumented('GET /admin/tenants/{id}', await c.call('GET /admin/tenants/{id}', { cookie, path: { id: LABS } }), 200)) as Tenant;
    expect(t.name).toBe('Nordvik Labs');
    await c.expectDocumented('GET /admin/tenants/{id}', await c.call('GET /admin/tenants/{id}', { cookie, path: { id: 'tenant-nowhere' } }), 404);
  });
});

describe('Admin: creating a tenant', () => {
  const invalid: [what: string, body: unknown, field: string][] = [
    ['no name', { description: 'x' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name of one character', { name: 'X' }, 'name'],
    ['a name over 60 characters', { name: 'N'.repeat(61) }, 'name'],
    ['the name of an existing tenant in another case', { name: '  nordvik LABS ' }, 'name'],
    ['a name that is not text', { name: 7 }, 'name'],
    ['a description over 500 characters', { name: 'Nordvik Health', description: 'd'.repeat(501) }, 'description'],
    ['a description that is not text', { name: 'Nordvik Health', description: ['x'] }, 'description'],
    ['a GIF logo', { name: 'Nordvik Health', logo: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' }, 'logo'],
    ['a logo that is not a data URL', { name: 'Nordvik Health', logo: 'https://example.com/logo.png' }, 'logo'],
    ['a logo that is not base64', { name: 'Nordvik Health', logo: 'data:image/png;base64,%%%' }, 'logo'],
    ['a logo over 100 kB', { name: 'Nordvik Health', logo: `data:image/png;base64,${'A'.repeat(Math.ceil((100 * 1024 + 3) / 3) * 4)}` }, 'logo'],
  ];
  it.each(invalid)('refuses %s with 422 naming the field, and creates nothing', async (_, body, field) => {
    const { cookie } = await c.signIn('service-administrator');
    const before = c.store.db.tenants.size;
    const problem = (await c.expectDocumented('POST /admin/tenants', await createTenant(cookie, body), 422)) as Problem;
    expect(Object.keys(problem.errors ?? {})).toEqual([field]);
    expect(problem.errors![field]).toMatch(/\w/);
    expect(c.store.db.tenants.size).toBe(before);
  });

  it('refuses a body that is not a JSON object with 422', async () => {
    const { cookie } = await c.signIn('service-administrator');
    for (const body of ['not json', '[1]', 'null']) {
      const problem = (await c.expectDocumented('POST /admin/tenants', await createTenant(cookie, body), 422)) as Problem;
      expect(problem.errors).toBeDefined();
    }
    expect(c.store.db.tenants.size).toBe(2);
  });

  it('names every invalid field at once', async () => {
    const { cookie } = await c.signIn('service-administrator');
    const problem = (await c.expectDocumented('POST /admin/tenants', await createTenant(cookie, { name: 'N', description: 'd'.repeat(501), logo: 'x' }), 422)) as Problem;
    expect(Object.keys(problem.errors ?? {}).sort()).toEqual(['description', 'logo', 'name']);
  });

  it('creates an empty tenant with 201 and Location, audits it, and the personas can sign in to it', async () => {
    const admin = await c.signIn('service-administrator');
    const res = await createTenant(admin.cookie, { name: '  Nordvik Health ', description: 'The occupational health clinic.', logo: PNG });
    const location = res.headers.get('Location');
    const created = (await c.expectDocumented('POST /admin/tenants', res, 201)) as Tenant;
    expect(created).toMatchObject({ name: 'Nordvik Health', description: 'The occupational health clinic.', logo: PNG, version: 1 });
    expect(location).toBe(`/api/v1/admin/tenants/${created.id}`);
    const fetched = (await c.expectDocumented('GET /admin/tenants/{id}', await c.call('GET /admin/tenants/{id}', { cookie: admin.cookie, path: { id: created.id } }), 200)) as Tenant;
    expect(fetched).toEqual(created);
    expect(c.store.db.audit.at(-1)).toMatchObject({ actor: 'service-administrator', action: 'tenant-create', target: created.id, outcome: 'success', tenantId: DEFAULT });
    const picker = (await c.expectDocumented('GET /tenants', await c.call('GET /tenants'), 200)) as Collection<TenantChoice>;
    expect(picker.items.map((t) => t.name)).toEqual(['Nordvik', 'Nordvik Health', 'Nordvik Labs']);
    // The name is taken now.
    await c.expectDocumented('POST /admin/tenants', await createTenant(admin.cookie, { name: 'NORDVIK HEALTH' }), 422);
    // Empty: a persona signed in to it finds nobody and has no tasks or orders.
    const officer = await signInTo('registration-officer', created.id);
    expect(officer.session.tenant).toEqual({ id: created.id, name: 'Nordvik Health' });
    for (const type of SEARCH_TYPES) {
      const found = (await c.expectDocumented(`GET /${type}`, await c.call(`GET /${type}`, { cookie: officer.cookie }), 200)) as Collection<unknown>;
      expect(found.total, type).toBe(0);
    }
    expect(((await (await c.call('GET /tasks', { cookie: officer.cookie })).json()) as Collection<Task>).total).toBe(0);
    expect(((await (await c.call('GET /batch-orders', { cookie: officer.cookie })).json()) as Collection<BatchOrder>).total).toBe(0);
    // The subsidiary's operators may not.
    await c.expectDocumented('POST /session', await c.call('POST /session', { body: { username: 'labs-approver', password: 'demo', tenant: created.id } }), 401);
  });

  it('refuses callers with Admin but without tenant:create with 403 naming the permission, audited', async () => {
    for (const username of ['registration-officer', 'bootstrap-administrator']) {
      const { cookie } = await c.signIn(username);
      const problem = (await c.expectDocumented('POST /admin/tenants', await createTenant(cookie, { name: 'Nordvik Health' }), 403)) as Problem;
      expect(problem.missingPermission).toBe('tenant:create');
      expect(c.store.db.audit.at(-1)).toMatchObject({ actor: username, outcome: 'denied', detail: 'missing permission tenant:create' });
    }
    expect(c.store.db.tenants.size).toBe(2);
  });
});

describe('tenant separation', () => {
  /** Every row of a search collection belongs to one of the persons (the row's holder, or the person itself). */
  async function searchAll(cookie: string, type: SearchType) {
    const body = (await c.expectDocumented(`GET /${type}`, await c.call(`GET /${type}`, { cookie, query: { pageSize: 200 } }), 200)) as Collection<{ id: string; personId?: string | null; tenantId?: string }>;
    return body;
  }

  it('signed in to the subsidiary, Extended Search finds only its objects', async () => {
    const labs = personsOf(LABS);
    expect(labs.size).toBeGreaterThanOrEqual(30);
    const { cookie } = await signInTo('registration-officer', LABS);
    const persons = await searchAll(cookie, 'persons');
    expect(persons.total).toBe(labs.size);
    expect(persons.items.every((p) => labs.has(p.id) && p.tenantId === LABS)).toBe(true);
    for (const type of ['cards', 'certificates', 'requests'] as const) {
      const found = await searchAll(cookie, type);
      expect(found.total, type).toBeGreaterThan(0);
      expect(found.items.every((r) => labs.has(r.personId!)), type).toBe(true);
    }
    // The subsidiary has no temporary cards or Digital ID credentials of its own.
    for (const type of ['temporary-cards', 'mobile-ids', 'virtual-smart-cards', 'software-tokens'] as const) {
      expect((await searchAll(cookie, type)).total, type).toBe(0);
    }
    // Text that matches thousands of the default tenant's persons finds none of them.
    const text = (await c.expectDocumented('GET /persons', await c.call('GET /persons', { cookie, query: { q: 'nordvik.example' } }), 200)) as Collection<unknown>;
    expect(text.total).toBe(0);
  });

  it('signed in to the default tenant, Extended Search finds none of the subsidiary', async () => {
    const labs = personsOf(LABS);
    const { cookie } = await signInTo('registration-officer');
    for (const type of SEARCH_TYPES) {
      const found = await searchAll(cookie, type);
      expect(found.items.some((r) => labs.has(r.personId ?? r.id)), type).toBe(false);
    }
    const text = (await c.expectDocumented('GET /persons', await c.call('GET /persons', { cookie, query: { q: 'nordviklabs' } }), 200)) as Collection<unknown>;
    expect(text.total).toBe(0);
    const all = (await c.expectDocumented('GET /persons', await c.call('GET /persons', { cookie, query: { pageSize: 1 } }), 200)) as Collection<unknown>;
    expect(all.total).toBe(personsOf(DEFAULT).size);
  });

  it('answers 404 for object pages, histories and actions of the other tenant, both ways', async () => {
    const db = c.store.db;
    const labsPerson = db.persons.find((p) => p.tenantId === LABS && p.status === 'Active')!;
    const labsCard = db.cards.find((k) => k.personId === labsPerson.id)!;
    const labsCert = db.certificates.find((k) => personsOf(LABS).has(k.personId))!;
    const labsRequest = db.requests.find((r) => personsOf(LABS).has(r.personId))!;
    const homePerson = db.persons.find((p) => !p.tenantId && p.status === 'Active' && p.id !== 'p-000001')!;
    const homeCard = db.cards.find((k) => k.personId === homePerson.id)!;
    const homeCert = db.certificates.find((k) => k.personId === homePerson.id)!;
    const homeTemp = db.temporaryCards.all()[0]!;
    const homeCred = db.credentials.find((k) => k.kind === 'mobile-id')!;
    const labsSide = await signInTo('registration-officer', LABS);
    const homeSide = await signInTo('registration-officer');
    const cases: [cookie: string, type: string, id: string][] = [
      [labsSide.cookie, 'persons', homePerson.id],
      [labsSide.cookie, 'cards', homeCard.id],
      [labsSide.cookie, 'certificates', homeCert.id],
      [labsSide.cookie, 'temporary-cards', homeTemp.id],
      [labsSide.cookie, 'mobile-ids', homeCred.id],
      [homeSide.cookie, 'persons', labsPerson.id],
      [homeSide.cookie, 'cards', labsCard.id],
      [homeSide.cookie, 'certificates', labsCert.id],
      [homeSide.cookie, 'requests', labsRequest.id],
    ];
    for (const [cookie, type, id] of cases) {
      await c.expectDocumented(`GET /${type}/{id}`, await c.call(`GET /${type}/{id}`, { cookie, path: { id } }), 404);
      await c.expectDocumented(`GET /${type}/{id}/history`, await c.call(`GET /${type}/{id}/history`, { cookie, path: { id } }), 404);
    }
    const lock = await c.call('POST /cards/{id}/actions/{action}', { cookie: homeSide.cookie, path: { id: labsCard.id, action: 'lock' }, headers: { 'If-Match': `"${labsCard.version}"` }, body: { reason: 'Lost' } });
    await c.expectDocumented('POST /cards/{id}/actions/{action}', lock, 404);
    expect(c.store.db.cards.get(labsCard.id)!.status).toBe(labsCard.status);
    // The same objects are there for their own tenant.
    await c.expectDocumented('GET /cards/{id}', await c.call('GET /cards/{id}', { cookie: labsSide.cookie, path: { id: labsCard.id } }), 200);
    await c.expectDocumented('GET /persons/{id}', await c.call('GET /persons/{id}', { cookie: homeSide.cookie, path: { id: homePerson.id } }), 200);
  });

  it('an action in the subsidiary changes its object and is audited with its tenant', async () => {
    const db = c.store.db;
    const card = db.cards.find((k) => k.status === 'Active' && personsOf(LABS).has(k.personId))!;
    const { cookie } = await signInTo('registration-officer', LABS);
    const page = (await c.expectDocumented('GET /cards/{id}', await c.call('GET /cards/{id}', { cookie, path: { id: card.id } }), 200)) as { version: number; allowedActions: string[]; actionDetails: Record<string, { reasons: string[] | null }> };
    const action = page.allowedActions.includes('lock') ? 'lock' : page.allowedActions[0]!;
    const reason = page.actionDetails[action]?.reasons?.[0];
    const res = await c.call('POST /cards/{id}/actions/{action}', { cookie, path: { id: card.id, action }, headers: { 'If-Match': `"${page.version}"` }, body: reason ? { reason } : {} });
    await c.expectDocumented('POST /cards/{id}/actions/{action}', res, 200);
    expect(c.store.db.audit.at(-1)).toMatchObject({ actor: 'registration-officer', action, outcome: 'success', tenantId: LABS });
  });

  it('Open Tasks lists and opens only the tenant\'s tasks, both ways', async () => {
    const labs = personsOf(LABS);
    const labsTask = c.store.db.tasks.find((t) => t.type === 'card-approval' && t.status === 'Open' && labs.has(t.subjectId))!;
    const homeTask = c.store.db.tasks.find((t) => t.type === 'card-approval' && t.status === 'Open' && !labs.has(t.subjectId))!;
    const inLabs = await signInTo('approver', LABS);
    const list = (await c.expectDocumented('GET /tasks', await c.call('GET /tasks', { cookie: inLabs.cookie, query: { pageSize: 200 } }), 200)) as Collection<Task>;
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((t) => labs.has(t.subject.id))).toBe(true);
    expect(list.items.map((t) => t.id)).toContain(labsTask.id);
    await c.expectDocumented('GET /tasks/{id}', await c.call('GET /tasks/{id}', { cookie: inLabs.cookie, path: { id: homeTask.id } }), 404);
    const decide = await c.call('POST /tasks/{id}/actions/{decision}', { cookie: inLabs.cookie, path: { id: homeTask.id, decision: 'approve' }, headers: { 'If-Match': `"${homeTask.version}"` }, body: {} });
    await c.expectDocumented('POST /tasks/{id}/actions/{decision}', decide, 404);
    expect(c.store.db.tasks.get(homeTask.id)!.status).toBe('Open');

    const atHome = await signInTo('approver');
    const homeList = (await c.expectDocumented('GET /tasks', await c.call('GET /tasks', { cookie: atHome.cookie, query: { pageSize: 200 } }), 200)) as Collection<Task>;
    expect(homeList.items.some((t) => labs.has(t.subject.id))).toBe(false);
    await c.expectDocumented('GET /tasks/{id}', await c.call('GET /tasks/{id}', { cookie: atHome.cookie, path: { id: labsTask.id } }), 404);

    // Deciding the tenant's own task works and is audited with the tenant.
    const page = (await c.expectDocumented('GET /tasks/{id}', await c.call('GET /tasks/{id}', { cookie: inLabs.cookie, path: { id: labsTask.id } }), 200)) as TaskDetail;
    const ok = await c.call('POST /tasks/{id}/actions/{decision}', { cookie: inLabs.cookie, path: { id: labsTask.id, decision: 'postpone' }, headers: { 'If-Match': `"${page.version}"` }, body: {} });
    await c.expectDocumented('POST /tasks/{id}/actions/{decision}', ok, 200);
    expect(c.store.db.audit.at(-1)).toMatchObject({ actor: 'approver', action: 'task-postpone', outcome: 'success', tenantId: LABS });
  });

  it('Batch Orders lists, opens and selects only the tenant\'s orders and objects, both ways', async () => {
    const labs = personsOf(LABS);
    const db = c.store.db;
    const labsOrder = db.batchOrders.find((o) => o.tenantId === LABS)!;
    const homeOrder = db.batchOrders.find((o) => !o.tenantId)!;
    const inLabs = await signInTo('registration-officer', LABS);
    const list = (await c.expectDocumented('GET /batch-orders', await c.call('GET /batch-orders', { cookie: inLabs.cookie }), 200)) as Collection<BatchOrder>;
    expect(list.items.map((o) => o.id)).toEqual([labsOrder.id]);
    await c.expectDocumented('GET /batch-orders/{id}', await c.call('GET /batch-orders/{id}', { cookie: inLabs.cookie, path: { id: homeOrder.id } }), 404);
    const cancel = await c.call('POST /batch-orders/{id}/actions/{action}', { cookie: inLabs.cookie, path: { id: homeOrder.id, action: 'complete' } });
    await c.expectDocumented('POST /batch-orders/{id}/actions/{action}', cancel, 404);

    // Ids of the other tenant are unknown here.
    const homePerson = db.persons.find((p) => !p.tenantId && p.status === 'Active' && p.type === 'employee')!;
    const foreign = await c.call('POST /batch-orders', { cookie: inLabs.cookie, headers: { 'Idempotency-Key': 'k-foreign' }, body: { type: 'reset-passwords', ids: [homePerson.id] } });
    const problem = (await c.expectDocumented('POST /batch-orders', foreign, 422)) as Problem;
    expect(problem.errors?.ids).toContain(homePerson.id);
    // Criteria select within the tenant only.
    const byQuery = await c.call('POST /batch-orders', { cookie: inLabs.cookie, headers: { 'Idempotency-Key': 'k-query' }, body: { type: 'reset-passwords', query: {} } });
    const order = (await c.expectDocumented('POST /batch-orders', byQuery, 201)) as BatchOrderDetail;
    expect(order.items.length).toBeGreaterThan(0);
    expect(order.items.every((i) => labs.has(i.id))).toBe(true);
    expect(c.store.db.audit.at(-1)).toMatchObject({ action: 'batch-create', outcome: 'success', tenantId: LABS });

    const atHome = await signInTo('registration-officer');
    const homeList = (await c.expectDocumented('GET /batch-orders', await c.call('GET /batch-orders', { cookie: atHome.cookie, query: { pageSize: 200 } }), 200)) as Collection<BatchOrder>;
    expect(homeList.items.map((o) => o.id)).not.toContain(labsOrder.id);
    expect(homeList.items.map((o) => o.id)).not.toContain(order.id);
    await c.expectDocumented('GET /batch-orders/{id}', await c.call('GET /batch-orders/{id}', { cookie: atHome.cookie, path: { id: order.id } }), 404);
    const labsPerson = [...labs][5]!;
    const other = await c.call('POST /batch-orders', { cookie: atHome.cookie, headers: { 'Idempotency-Key': 'k-other' }, body: { type: 'reset-passwords', ids: [labsPerson] } });
    await c.expectDocumented('POST /batch-orders', other, 422);
  });
});

describe('Self-Service in another tenant', () => {
  it('answers 404 for my own person, which belongs to my home tenant, and my home tenant still answers it', async () => {
    const away = await signInTo('self-service-user', LABS);
    await c.expectDocumented('GET /self-service/me', await c.call('GET /self-service/me', { cookie: away.cookie }), 404);
    const home = await signInTo('self-service-user');
    const me = (await c.expectDocumented('GET /self-service/me', await c.call('GET /self-service/me', { cookie: home.cookie }), 200)) as { person: { displayName: string } };
    expect(me.person.displayName).toBe('Elin Forsberg');
  });
});

c.describeAccess(['/admin/tenants'], () => ({ id: LABS }));
c.describeStatusCoverage(['/admin/tenants', '/tenants']);
