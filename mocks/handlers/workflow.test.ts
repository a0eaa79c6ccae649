// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BatchOrderDetail, TaskDetail } from '../../src/api/types';
import { productionFails } from '../domain/batch';
import { signInOver } from '../contract/signInOver';
import { createMockServer } from '../node';

const BASE = 'http://localhost/api/v1';
const { server, store } = createMockServer({ persons: 600 });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => store.reset());
afterAll(() => server.close());

async function as(username: string) {
  const { cookie } = await signInOver(BASE, username);
  const account = store.db.accounts.find((a) => a.username === username)!;
  const get = async <T>(path: string) => {
    const r = await fetch(`${BASE}${path}`, { headers: { Cookie: cookie } });
    return { status: r.status, body: (await r.json()) as T };
  };
  const post = async <T = Record<string, unknown>>(path: string, body: unknown = {}, headers: Record<string, string> = {}) => {
    const r = await fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console', ...headers },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as T };
  };
  return { get, post, account };
}

const openCardTask = (pred: (t: { requestedById: string; subjectId: string; approvalsRequired: number }) => boolean = () => true) =>
  store.db.tasks.find((t) => t.type === 'card-approval' && t.status === 'Open' && pred(t))!;

describe('Open Tasks: decisions', () => {
  it('an approver approves a card request: the card and request become Approved, the task leaves the queue, history and audit record it', async () => {
    const approver = await as('approver');
    const task = openCardTask((t) => t.approvalsRequired === 1 && t.requestedById !== approver.account.personId && t.subjectId !== approver.account.personId);
    const d = await approver.get<TaskDetail>(`/tasks/${task.id}`);
    expect(d.body.allowedActions).toEqual(['approve', 'reject', 'postpone']);
    expect(d.body.card?.status).toBe('Requested');
    const res = await approver.post<TaskDetail>(`/tasks/${task.id}/actions/approve`, {}, { 'If-Match': `"${d.body.version}"` });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('Approved');
    expect(store.db.cards.get(task.cardId!)!.status).toBe('Approved');
    expect(store.db.requests.get(task.requestId!)!.status).toBe('Approved');
    const queue = await approver.get<{ items: { id: string }[] }>('/tasks?pageSize=200');
    expect(queue.body.items.map((t) => t.id)).not.toContain(task.id);
    expect(store.db.history.find((h) => h.objectId === task.cardId && h.action === 'approve')).toMatchObject({ before: 'Requested', after: 'Approved', actor: { username: 'approver' } });
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: 'approver', action: 'task-approve', outcome: 'success' }));
  });

  it('a decided task answers 409 and says who decided it and when', async () => {
    const approver = await as('approver');
    const multi = await as('multi-role');
    const task = openCardTask((t) => t.approvalsRequired === 1 && ![approver.account.personId, multi.account.personId].includes(t.requestedById) && ![approver.account.personId, multi.account.personId].includes(t.subjectId));
    await approver.post(`/tasks/${task.id}/actions/approve`, {}, { 'If-Match': `"${task.version}"` });
    const again = await multi.post<{ detail: string }>(`/tasks/${task.id}/actions/reject`, { reason: 'Duplicate request' }, { 'If-Match': `"${task.version + 1}"` });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/Approved by Lars Engström at \d{4}-/);
  });

  it('reject needs a reason and rejects the card', async () => {
    const approver = await as('approver');
    const task = openCardTask((t) => t.requestedById !== approver.account.personId && t.subjectId !== approver.account.personId);
    expect((await approver.post(`/tasks/${task.id}/actions/reject`, {}, { 'If-Match': `"${task.version}"` })).status).toBe(422);
    const res = await approver.post<TaskDetail>(`/tasks/${task.id}/actions/reject`, { reason: 'Duplicate request' }, { 'If-Match': `"${task.version}"` });
    expect(res.body.status).toBe('Rejected');
    expect(store.db.cards.get(task.cardId!)!.status).toBe('Rejected');
  });

  it('postpone keeps the task in the queue, marked', async () => {
    const approver = await as('approver');
    const task = openCardTask((t) => t.requestedById !== approver.account.personId && t.subjectId !== approver.account.personId);
    const res = await approver.post<TaskDetail>(`/tasks/${task.id}/actions/postpone`, {}, { 'If-Match': `"${task.version}"` });
    expect(res.body.status).toBe('Postponed');
    const queue = await approver.get<{ items: { id: string; status: string }[] }>('/tasks?status=Postponed&pageSize=200');
    expect(queue.body.items).toContainEqual(expect.objectContaining({ id: task.id, status: 'Postponed' }));
  });

  it('nobody decides a request they made or one about themselves (403, audited, no buttons)', async () => {
    const ro = await as('registration-officer');
    const approver = await as('approver');
    // The registration officer requests a card for the approver: a task about the approver.
    const me = store.db.persons.get(approver.account.personId)!;
    for (const c of store.db.cards.filter((c) => c.personId === me.id)) store.put('cards', { ...c, status: 'Locked' });
    expect((await ro.post(`/persons/${me.id}/actions/request-card`, {}, { 'If-Match': `"${me.version}"` })).status).toBe(200);
    const aboutMe = store.db.tasks.find((t) => t.subjectId === me.id && t.status === 'Open')!;
    const d = await approver.get<TaskDetail>(`/tasks/${aboutMe.id}`);
    expect(d.body.blockedBecause).toBe('about-self');
    expect(d.body.allowedActions).toEqual([]);
    const res = await approver.post<{ type: string }>(`/tasks/${aboutMe.id}/actions/approve`, {}, { 'If-Match': `"${aboutMe.version}"` });
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/separation-of-duties$/);
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: 'approver', outcome: 'denied', detail: 'about-self' }));

    const own = openCardTask();
    store.put('tasks', { ...own, requestedById: approver.account.personId });
    const ownRes = await approver.post(`/tasks/${own.id}/actions/approve`, {}, { 'If-Match': `"${own.version}"` });
    expect(ownRes.status).toBe(403);
  });

  it('two approvals for a contractor’s card; the same approver cannot act twice; one rejection rejects it all', async () => {
    const approver = await as('approver');
    const multi = await as('multi-role');
    const others = [approver.account.personId, multi.account.personId];
    const [a, b] = store.db.tasks.filter((t) => t.type === 'card-approval' && t.status === 'Open' && t.approvalsRequired === 2 && !others.includes(t.requestedById) && !others.includes(t.subjectId));
    expect(a && b).toBeTruthy();
    const first = await approver.post<TaskDetail>(`/tasks/${a!.id}/actions/approve`, {}, { 'If-Match': `"${a!.version}"` });
    expect(first.body).toMatchObject({ status: 'Open', approvals: 1, approvalsRequired: 2 });
    expect(store.db.cards.get(a!.cardId!)!.status).toBe('Requested');
    const twice = await approver.post(`/tasks/${a!.id}/actions/approve`, {}, { 'If-Match': `"${first.body.version}"` });
    expect(twice.status).toBe(409);
    const second = await multi.post<TaskDetail>(`/tasks/${a!.id}/actions/approve`, {}, { 'If-Match': `"${first.body.version}"` });
    expect(second.body.status).toBe('Approved');
    expect(store.db.cards.get(a!.cardId!)!.status).toBe('Approved');

    const yes = await approver.post<TaskDetail>(`/tasks/${b!.id}/actions/approve`, {}, { 'If-Match': `"${b!.version}"` });
    const no = await multi.post<TaskDetail>(`/tasks/${b!.id}/actions/reject`, { reason: 'Identity not verified' }, { 'If-Match': `"${yes.body.version}"` });
    expect(no.body.status).toBe('Rejected');
    expect(store.db.cards.get(b!.cardId!)!.status).toBe('Rejected');
  });

  it('412 for a stale version, 428 without If-Match, 404 for a task of another kind', async () => {
    const approver = await as('approver');
    const task = openCardTask((t) => t.requestedById !== approver.account.personId && t.subjectId !== approver.account.personId);
    expect((await approver.post(`/tasks/${task.id}/actions/approve`, {}, { 'If-Match': '"99"' })).status).toBe(412);
    expect((await approver.post(`/tasks/${task.id}/actions/approve`)).status).toBe(428);
    const helpdeskTask = store.db.tasks.find((t) => t.type === 'prime-user-activation')!;
    expect((await approver.get(`/tasks/${helpdeskTask.id}`)).status).toBe(404);
  });

  it('personas without Open Tasks get 403', async () => {
    for (const u of ['issuing-authority', 'card-production-administrator', 'self-service-user', 'service-administrator']) {
      const who = await as(u);
      expect((await who.get('/tasks')).status, u).toBe(403);
      expect((await who.post(`/tasks/${openCardTask().id}/actions/approve`, {}, { 'If-Match': '"1"' })).status, u).toBe(403);
    }
  });

  it('the helpdesk activates a PRIME user', async () => {
    const hd = await as('helpdesk');
    const task = store.db.tasks.find((t) => t.type === 'prime-user-activation' && t.status === 'Open')!;
    const res = await hd.post<TaskDetail>(`/tasks/${task.id}/actions/approve`, {}, { 'If-Match': `"${task.version}"` });
    expect(res.body.status).toBe('Approved');
    expect(store.db.accounts.find((a) => a.personId === task.subjectId)!.status).toBe('Active');
  });

  it('activating an Inactive PRIME user gives back only the default role; a Registered one keeps its roles', async () => {
    const hd = await as('helpdesk');
    const open = store.db.tasks.filter((t) => t.type === 'prime-user-activation' && t.status === 'Open');
    const accountOf = (t: (typeof open)[number]) => store.db.accounts.find((a) => a.personId === t.subjectId)!;
    const inactive = open.find((t) => accountOf(t).status === 'Inactive')!;
    const registered = open.find((t) => accountOf(t).status === 'Registered')!;
    const registeredRoles = [...accountOf(registered).roles];
    expect(registeredRoles.length).toBeGreaterThan(0);
    for (const task of [inactive, registered]) {
      expect((await hd.post(`/tasks/${task.id}/actions/approve`, {}, { 'If-Match': `"${task.version}"` })).status).toBe(200);
    }
    expect(accountOf(inactive)).toMatchObject({ status: 'Active', roles: ['BaseRoleSelfServiceUser'] });
    expect(accountOf(registered)).toMatchObject({ status: 'Active', roles: registeredRoles });
  });
});

/** An action on the order as it is now (its ETag as If-Match), as the console sends it. */
async function act<T = BatchOrderDetail>(who: Awaited<ReturnType<typeof as>>, id: string, action: string) {
  const now = await who.get<BatchOrderDetail>(`/batch-orders/${id}`);
  return who.post<T>(`/batch-orders/${id}/actions/${action}`, undefined, { 'If-Match': `"${now.body.version}"` });
}

async function waitFor(who: Awaited<ReturnType<typeof as>>, id: string, status: string) {
  for (let i = 0; i < 400; i++) {
    const o = await who.get<BatchOrderDetail>(`/batch-orders/${id}`);
    if (o.body.status === status) return o.body;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`order ${id} did not reach ${status}`);
}

describe('Batch Orders', () => {
  // The default tenant's cards: the personas sign in to it, and another tenant's ids are unknown there.
  const approvedIds = () => store.db.cards.filter((c) => c.status === 'Approved' && !store.db.persons.get(c.personId)?.tenantId).map((c) => c.id);

  it('produces approved cards, reports failures per item, repeats only the failed ones, then completes', async () => {
    const cpa = await as('card-production-administrator');
    // Make sure at least one card of the run fails on its first attempt.
    const ids = approvedIds();
    const failing = store.db.cards.find((c) => productionFails(c.id, 0) && !productionFails(c.id, 1) && c.status !== 'Approved' && !store.db.persons.get(c.personId)?.tenantId)!;
    store.put('cards', { ...failing, status: 'Approved' });
    ids.push(failing.id);
    const created = await cpa.post<BatchOrderDetail>('/batch-orders', { type: 'produce-cards', ids }, { 'Idempotency-Key': 'k-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'Created', itemCount: ids.length, allowedActions: ['run', 'cancel'] });
    expect((await act(cpa, created.body.id, 'run')).status).toBe(202);
    const finished = await waitFor(cpa, created.body.id, 'Finished');
    const expectedFailures = ids.filter((id) => productionFails(id, 0)).length;
    expect(finished.failedCount).toBe(expectedFailures);
    expect(finished.doneCount + finished.failedCount).toBe(ids.length);
    expect(finished.items.filter((i) => i.status === 'failed').every((i) => i.reason === 'The card printer reported a feed error.')).toBe(true);
    expect(store.db.cards.get(failing.id)!.status).toBe('Failed');
    const good = finished.items.find((i) => i.status === 'done')!;
    expect(store.db.cards.get(good.id)!.status).toBe('Issued');
    expect(store.db.certificates.filter((c) => c.cardId === good.id && c.status === 'Issued').length).toBeGreaterThan(0);
    expect(store.db.history.find((h) => h.objectId === good.id && h.action === 'produce')).toMatchObject({ after: 'Issued', actor: { username: 'card-production-administrator' } });
    expect(finished.allowedActions).toEqual(['repeat-failed', 'complete']);

    expect((await act(cpa, created.body.id, 'repeat-failed')).status).toBe(202);
    const again = await waitFor(cpa, created.body.id, 'Finished');
    expect(again.failedCount).toBe(ids.filter((id) => productionFails(id, 0) && productionFails(id, 1)).length);
    expect(store.db.cards.get(failing.id)!.status).toBe('Issued');
    expect(again.items.find((i) => i.id === failing.id)!.attempts).toBe(2);
    const done = await act(cpa, created.body.id, 'complete');
    expect(done.body.status).toBe('Completed');
    expect((await act(cpa, created.body.id, 'run')).status).toBe(409);
  });

  it('the same Idempotency-Key and body return the first order, never a second; another body is 422', async () => {
    const cpa = await as('card-production-administrator');
    const ids = approvedIds().slice(0, 3);
    const before = store.db.batchOrders.size;
    const a = await cpa.post<BatchOrderDetail>('/batch-orders', { type: 'produce-cards', ids }, { 'Idempotency-Key': 'same' });
    const b = await cpa.post<BatchOrderDetail>('/batch-orders', { type: 'produce-cards', ids: [...ids].reverse() }, { 'Idempotency-Key': 'same' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    expect(store.db.batchOrders.size).toBe(before + 1);
    const c = await cpa.post('/batch-orders', { type: 'produce-cards', ids: ids.slice(0, 1) }, { 'Idempotency-Key': 'same' });
    expect(c.status).toBe(422);
    expect((await cpa.post('/batch-orders', { type: 'produce-cards', ids })).status).toBe(428);
  });

  it('selects by search criteria and skips what is not ready, saying why', async () => {
    const cpa = await as('card-production-administrator');
    const res = await cpa.post<BatchOrderDetail>('/batch-orders', { type: 'produce-cards', query: {} }, { 'Idempotency-Key': 'q-1' });
    expect(res.body.itemCount).toBe(approvedIds().length);
    const active = store.db.cards.find((c) => c.status === 'Active')!;
    const mixed = await cpa.post<BatchOrderDetail>('/batch-orders', { type: 'produce-cards', ids: [active.id, approvedIds()[0]] }, { 'Idempotency-Key': 'q-2' });
    expect(mixed.body.items.find((i) => i.id === active.id)).toMatchObject({ status: 'skipped', reason: 'Not ready for production: the card is Active.' });
    expect((await cpa.post('/batch-orders', { type: 'produce-cards', ids: ['nope'] }, { 'Idempotency-Key': 'q-3' })).status).toBe(422);
  });

  it('permissions: a registration officer may request cards but not produce them; others have no Batch Orders', async () => {
    const ro = await as('registration-officer');
    const produce = await ro.post<{ missingPermission: string }>('/batch-orders', { type: 'produce-cards', ids: approvedIds() }, { 'Idempotency-Key': 'p-1' });
    expect(produce.status).toBe(403);
    expect(produce.body.missingPermission).toBe('card:produce');
    const person = store.db.persons.all().slice(30).find((p) => p.status === 'Active' && !store.db.cards.find((c) => c.personId === p.id && ['Registered', 'Requested', 'Approved', 'Issued'].includes(c.status)))!;
    const req = await ro.post<BatchOrderDetail>('/batch-orders', { type: 'request-cards', ids: [person.id] }, { 'Idempotency-Key': 'p-2' });
    expect(req.status).toBe(201);
    await act(ro, req.body.id, 'run');
    await waitFor(ro, req.body.id, 'Finished');
    expect(store.db.cards.find((c) => c.personId === person.id && c.status === 'Requested')).toBeTruthy();
    for (const u of ['approver', 'issuing-authority', 'helpdesk', 'service-administrator']) {
      const who = await as(u);
      expect((await who.get('/batch-orders')).status, u).toBe(403);
      expect((await who.post('/batch-orders', { type: 'produce-cards', ids: approvedIds() }, { 'Idempotency-Key': `x-${u}` })).status, u).toBe(403);
    }
  });

  it('order actions take If-Match: 428 without, 412 with a stale version, and nothing changes', async () => {
    const cpa = await as('card-production-administrator');
    const ids = approvedIds().slice(0, 2);
    const o = await cpa.post<BatchOrderDetail>('/batch-orders', { type: 'produce-cards', ids }, { 'Idempotency-Key': 'm-1' });
    const without = await cpa.post<{ status: number }>(`/batch-orders/${o.body.id}/actions/run`);
    expect(without.status).toBe(428);
    const stale = await cpa.post<{ currentVersion: number; currentStatus: string }>(`/batch-orders/${o.body.id}/actions/run`, undefined, { 'If-Match': `"${o.body.version + 7}"` });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ currentVersion: o.body.version, currentStatus: 'Created' });
    expect(store.db.batchOrders.get(o.body.id)).toMatchObject({ status: 'Created', version: o.body.version });
    expect(ids.every((id) => store.db.cards.get(id)!.status === 'Approved')).toBe(true);
    // The version the person saw works.
    expect((await cpa.post(`/batch-orders/${o.body.id}/actions/run`, undefined, { 'If-Match': `"${o.body.version}"` })).status).toBe(202);
  });

  it('cancel stops a created order; nothing is produced', async () => {
    const cpa = await as('card-production-administrator');
    const ids = approvedIds().slice(0, 2);
    const o = await cpa.post<BatchOrderDetail>('/batch-orders', { type: 'produce-cards', ids }, { 'Idempotency-Key': 'c-1' });
    const c = await act(cpa, o.body.id, 'cancel');
    expect(c.body.status).toBe('Cancelled');
    expect(ids.every((id) => store.db.cards.get(id)!.status === 'Approved')).toBe(true);
  });
});
