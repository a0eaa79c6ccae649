// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CardDetail, HistoryEntry, PersonDetail } from '../../src/api/types';
import { signInOver } from '../contract/signInOver';
import { createMockServer } from '../node';

const BASE = 'http://localhost/api/v1';
const { server, store } = createMockServer({ persons: 600 });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => store.reset());
afterAll(() => server.close());

async function as(username: string) {
  const { cookie } = await signInOver(BASE, username);
  const get = async <T>(path: string) => {
    const r = await fetch(`${BASE}${path}`, { headers: { Cookie: cookie } });
    return { status: r.status, body: (await r.json()) as T, etag: r.headers.get('etag') };
  };
  const act = async (path: string, body: unknown = {}, ifMatch?: string | null) => {
    const headers: Record<string, string> = { Cookie: cookie, 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console' };
    if (ifMatch !== null && ifMatch !== undefined) headers['If-Match'] = ifMatch;
    const r = await fetch(`${BASE}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  };
  return { get, act };
}

const firstCard = (status: string) => store.db.cards.find((c) => c.status === status && store.db.persons.get(c.personId)?.status === 'Active')!;
const personWith = (status: string) => store.db.persons.all().slice(30).find((p) => p.status === status)!;
const history = async (who: Awaited<ReturnType<typeof as>>, path: string) => (await who.get<{ items: HistoryEntry[] }>(`${path}/history`)).body.items;

describe('card actions', () => {
  it('a registration officer locks an active card with a reason; its certificates are revoked; history and audit record it', async () => {
    const ro = await as('registration-officer');
    const card = firstCard('Active');
    const before = await ro.get<CardDetail>(`/cards/${card.id}`);
    expect(before.body.allowedActions).toContain('lock');
    expect(before.body.actionDetails.lock!.reasons).toContain('Lost');
    expect(before.body.actionDetails.lock!.effects).toContainEqual({ code: 'certificates-revoked', count: before.body.certificates.length });
    expect(before.etag).toBe(`"${before.body.version}"`);

    const res = await ro.act(`/cards/${card.id}/actions/lock`, { reason: 'Lost' }, `"${before.body.version}"`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('Locked');
    expect(res.body.allowedActions).toEqual([]);
    expect(res.body.certificates.every((c: { status: string }) => c.status === 'Revoked')).toBe(true);
    const entries = await history(ro, `/cards/${card.id}`);
    expect(entries[0]).toMatchObject({ action: 'lock', outcome: 'success', before: 'Active', after: 'Locked', reason: 'Lost', actor: { username: 'registration-officer', displayName: 'Karin Nyström' } });
    const certHistory = await history(ro, `/certificates/${res.body.certificates[0].id}`);
    expect(certHistory[0]).toMatchObject({ action: 'lock', before: 'Valid', after: 'Revoked' });
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: 'registration-officer', action: 'lock', outcome: 'success' }));
  });

  it('an issuing authority activates an issued card (certificates become valid) but may not lock one', async () => {
    const ia = await as('issuing-authority');
    const issued = firstCard('Issued');
    const d = await ia.get<CardDetail>(`/cards/${issued.id}`);
    expect(d.body.allowedActions).toEqual(['activate']);
    const res = await ia.act(`/cards/${issued.id}/actions/activate`, {}, `"${d.body.version}"`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('Active');
    expect(res.body.certificates.every((c: { status: string }) => c.status === 'Valid')).toBe(true);
    expect(res.body.allowedActions).toEqual([]);
    const active = firstCard('Active');
    const lock = await ia.act(`/cards/${active.id}/actions/lock`, { reason: 'Lost' }, `"${active.version}"`);
    expect(lock.status).toBe(403);
    expect(lock.body.missingPermission).toBe('card:lock');
    expect((await history(ia, `/cards/${active.id}`))[0]).toMatchObject({ action: 'lock', outcome: 'denied' });
    expect(store.db.cards.get(active.id)!.status).toBe('Active');
  });

  it('refuses an action the state does not allow with 409, naming the state', async () => {
    const ro = await as('registration-officer');
    const locked = firstCard('Locked');
    const res = await ro.act(`/cards/${locked.id}/actions/deactivate`, { reason: 'Temporary leave' }, `"${locked.version}"`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Locked/);
    expect(res.body.currentStatus).toBe('Locked');
  });

  it('412 for a stale version, 428 without If-Match, 422 without a reason: nothing changes', async () => {
    const ro = await as('registration-officer');
    const card = firstCard('Active');
    expect((await ro.act(`/cards/${card.id}/actions/lock`, { reason: 'Lost' }, '"999"')).status).toBe(412);
    expect((await ro.act(`/cards/${card.id}/actions/lock`, { reason: 'Lost' }, null)).status).toBe(428);
    const noReason = await ro.act(`/cards/${card.id}/actions/lock`, {}, `"${card.version}"`);
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors.reason).toMatch(/Lost/);
    expect((await ro.act(`/cards/${card.id}/actions/lock`, { reason: 'Bored' }, `"${card.version}"`)).status).toBe(422);
    expect(store.db.cards.get(card.id)!.status).toBe('Active');
  });

  it('deactivate puts certificates on hold, reactivate makes them valid again', async () => {
    const hd = await as('helpdesk');
    const card = firstCard('Active');
    const off = await hd.act(`/cards/${card.id}/actions/deactivate`, { reason: 'Temporary leave' }, `"${card.version}"`);
    expect(off.body.status).toBe('Inactive');
    expect(off.body.certificates.every((c: { status: string }) => c.status === 'On hold')).toBe(true);
    const on = await hd.act(`/cards/${card.id}/actions/reactivate`, {}, `"${off.body.version}"`);
    expect(on.body.status).toBe('Active');
    expect(on.body.certificates.every((c: { status: string }) => c.status === 'Valid')).toBe(true);
  });

  it('replace locks the old card and requests a new one that waits for approval', async () => {
    const ro = await as('registration-officer');
    const card = firstCard('Active');
    const tasksBefore = store.db.tasks.size;
    const res = await ro.act(`/cards/${card.id}/actions/replace`, { reason: 'Damaged' }, `"${card.version}"`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('Locked');
    const fresh = store.db.cards.filter((c) => c.personId === card.personId && c.status === 'Requested');
    expect(fresh).toHaveLength(1);
    expect(store.db.tasks.size).toBe(tasksBefore + 1);
    const approver = await as('approver');
    const queue = await approver.get<{ items: { subject: { id: string } }[] }>('/tasks?pageSize=200&sort=createdAt:desc');
    expect(queue.body.items.map((t) => t.subject.id)).toContain(card.personId);
  });

  it('abort withdraws the request and its approval task', async () => {
    const ro = await as('registration-officer');
    const card = store.db.cards.find((c) => c.status === 'Requested')!;
    const res = await ro.act(`/cards/${card.id}/actions/abort`, {}, `"${card.version}"`);
    expect(res.body.status).toBe('Aborted');
    expect(store.db.requests.find((r) => r.cardId === card.id)!.status).toBe('Aborted');
    expect(store.db.tasks.find((t) => t.cardId === card.id)!.status).toBe('Withdrawn');
  });
});

describe('person actions', () => {
  it('locking a person locks every credential and revokes every certificate', async () => {
    const ro = await as('registration-officer');
    const person = store.db.persons.all().slice(30).find((p) => p.status === 'Active' && store.db.credentials.find((c) => c.personId === p.id && c.status === 'Active'))!;
    const d = await ro.get<PersonDetail>(`/persons/${person.id}`);
    expect(d.body.actionDetails.lock!.effects.map((e) => e.code)).toEqual(expect.arrayContaining(['state', 'cards-locked', 'credentials-locked', 'certificates-revoked']));
    const res = await ro.act(`/persons/${person.id}/actions/lock`, { reason: 'Left the organisation' }, `"${d.body.version}"`);
    expect(res.status).toBe(200);
    const after = res.body as PersonDetail;
    expect(after.status).toBe('Locked');
    expect(after.cards.every((c) => ['Locked', 'Expired', 'Rejected', 'Aborted'].includes(c.status))).toBe(true);
    expect(after.credentials.every((c) => c.status === 'Locked')).toBe(true);
    expect(after.certificates.every((c) => c.status === 'Revoked' || c.status === 'Expired')).toBe(true);
  });

  it('deactivate for leave and reactivate on return carry the person’s cards along', async () => {
    const hd = await as('helpdesk');
    const person = store.db.persons.all().slice(30).find((p) => p.status === 'Active' && store.db.cards.find((c) => c.personId === p.id && c.status === 'Active'))!;
    const off = await hd.act(`/persons/${person.id}/actions/deactivate`, { reason: 'Temporary leave' }, `"${person.version}"`);
    expect(off.body.status).toBe('Inactive');
    expect(off.body.cards.some((c: { status: string }) => c.status === 'Inactive')).toBe(true);
    const on = await hd.act(`/persons/${person.id}/actions/reactivate`, {}, `"${off.body.version}"`);
    expect(on.body.status).toBe('Active');
    expect(on.body.cards.some((c: { status: string }) => c.status === 'Active')).toBe(true);
  });

  it('the helpdesk resets a password; a user administrator may not', async () => {
    const person = personWith('Active');
    const hd = await as('helpdesk');
    const ok = await hd.act(`/persons/${person.id}/actions/reset-password`, {}, `"${person.version}"`);
    expect(ok.status).toBe(200);
    expect((await history(hd, `/persons/${person.id}`))[0]).toMatchObject({ action: 'reset-password', outcome: 'success' });
    const ua = await as('user-administrator');
    expect((await ua.act(`/persons/${person.id}/actions/reset-password`, {}, `"${person.version}"`)).status).toBe(403);
  });

  it('request-card creates a requested card and refuses a second pending one (409)', async () => {
    const ro = await as('registration-officer');
    const person = store.db.persons.all().slice(30).find((p) => p.status === 'Active' && !store.db.cards.find((c) => c.personId === p.id && ['Registered', 'Requested', 'Approved', 'Issued'].includes(c.status)))!;
    const first = await ro.act(`/persons/${person.id}/actions/request-card`, {}, `"${person.version}"`);
    expect(first.status).toBe(200);
    expect(first.body.cards.some((c: { status: string }) => c.status === 'Requested')).toBe(true);
    const second = await ro.act(`/persons/${person.id}/actions/request-card`, {}, `"${first.body.version}"`);
    expect(second.status).toBe(409);
  });

  it('a temporary card for a forgotten card puts the permanent card on hold until it is returned', async () => {
    const ro = await as('registration-officer');
    const person = store.db.persons.all().slice(30).find((p) => p.status === 'Active' && store.db.cards.find((c) => c.personId === p.id && c.status === 'Active') && !store.db.temporaryCards.find((t) => t.personId === p.id))!;
    const res = await ro.act(`/persons/${person.id}/actions/issue-temporary-card`, {}, `"${person.version}"`);
    expect(res.status).toBe(200);
    const temp = (res.body as PersonDetail).temporaryCards[0]!;
    expect(temp.status).toBe('Assigned');
    expect((res.body as PersonDetail).cards.some((c) => c.status === 'Inactive')).toBe(true);
    const back = await ro.act(`/temporary-cards/${temp.id}/actions/withdraw`, { reason: 'No usage anymore' }, `"${temp.version}"`);
    expect(back.body.status).toBe('Unassigned');
    expect(back.body.certificates.every((c: { status: string }) => c.status === 'Revoked')).toBe(true);
    expect(store.db.cards.filter((c) => c.personId === person.id).some((c) => c.status === 'Active')).toBe(true);
  });
});

describe('certificates and temporary cards', () => {
  it('revoke needs a revocation reason and the permission', async () => {
    const cert = store.db.certificates.find((c) => c.status === 'Valid')!;
    const ia = await as('issuing-authority');
    expect((await ia.act(`/certificates/${cert.id}/actions/revoke`, { reason: 'Key compromise' }, `"${cert.version}"`)).status).toBe(403);
    const ro = await as('registration-officer');
    expect((await ro.act(`/certificates/${cert.id}/actions/revoke`, { reason: 'Lost' }, `"${cert.version}"`)).status).toBe(422);
    const ok = await ro.act(`/certificates/${cert.id}/actions/revoke`, { reason: 'Key compromise' }, `"${cert.version}"`);
    expect(ok.body.status).toBe('Revoked');
  });

  it('assigning a temporary card needs an active person', async () => {
    const ro = await as('registration-officer');
    const t = store.db.temporaryCards.find((x) => x.status === 'Unassigned')!;
    expect((await ro.act(`/temporary-cards/${t.id}/actions/assign`, {}, `"${t.version}"`)).status).toBe(422);
    const locked = personWith('Locked');
    expect((await ro.act(`/temporary-cards/${t.id}/actions/assign`, { personId: locked.id }, `"${t.version}"`)).status).toBe(409);
    const active = personWith('Active');
    const ok = await ro.act(`/temporary-cards/${t.id}/actions/assign`, { personId: active.id }, `"${t.version}"`);
    expect(ok.body).toMatchObject({ status: 'Assigned', holder: { id: active.id } });
  });
});

describe('Extended Search collections', () => {
  const TYPES = ['persons', 'cards', 'temporary-cards', 'requests', 'certificates', 'mobile-ids', 'virtual-smart-cards', 'software-tokens'];
  it('every type lists for Extended Search and is refused (403) without it', async () => {
    const cpa = await as('card-production-administrator');
    const approver = await as('approver');
    for (const type of TYPES) {
      const res = await cpa.get<{ items: unknown[]; total: number }>(`/${type}?pageSize=5`);
      expect(res.status, type).toBe(200);
      expect(res.body.total, type).toBeGreaterThan(0);
      expect((await approver.get(`/${type}`)).status, type).toBe(403);
    }
  });

  it('filters by status and criteria, and refuses criteria it does not know the values of', async () => {
    const ro = await as('registration-officer');
    const locked = await ro.get<{ items: { status: string }[]; total: number }>('/cards?status=Locked&pageSize=200');
    // The default tenant's cards only: the second tenant's are not visible from it.
    expect(locked.body.total).toBe(store.db.cards.filter((c) => c.status === 'Locked' && !store.db.persons.get(c.personId)?.tenantId).length);
    expect(locked.body.items.every((c) => c.status === 'Locked')).toBe(true);
    expect((await ro.get('/cards?status=Broken')).status).toBe(422);
    expect((await ro.get('/cards?validTo=2026-13-45')).status).toBe(422);
    const holder = store.db.persons.get(store.db.cards.all()[100]!.personId)!;
    const byHolder = await ro.get<{ items: { holder: { id: string } }[] }>(`/cards?q=${encodeURIComponent(holder.displayName)}&pageSize=200`);
    expect(byHolder.body.items.map((c) => c.holder.id)).toContain(holder.id);
  });

  it('sorts both ways on the backend', async () => {
    const ro = await as('registration-officer');
    const asc = await ro.get<{ items: { number: string }[] }>('/cards?sort=number:asc&pageSize=3');
    const desc = await ro.get<{ items: { number: string }[] }>('/cards?sort=number:desc&pageSize=3');
    expect(asc.body.items[0]!.number < desc.body.items[0]!.number).toBe(true);
  });

  it('objects of another type or no object answer 404', async () => {
    const ro = await as('registration-officer');
    const card = store.db.cards.all()[0]!;
    expect((await ro.get(`/persons/${card.id}`)).status).toBe(404);
    expect((await ro.get('/cards/no-such-card')).status).toBe(404);
    const mobile = store.db.credentials.find((c) => c.kind === 'mobile-id')!;
    expect((await ro.get(`/mobile-ids/${mobile.id}`)).status).toBe(200);
    expect((await ro.get(`/software-tokens/${mobile.id}`)).status).toBe(404);
  });
});
