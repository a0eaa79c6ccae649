// @vitest-environment node
/**
 * What an attacker sends gets a clear 4xx and changes nothing: bodies of the wrong shape on every
 * family of writes, texts that would forge or hide audit lines, and look-alike tenant names on the
 * public sign-in list.
 */
import { describe, expect, it } from 'vitest';
import type { Problem, SelfServiceMe } from '../../src/api/types';
import { contractHarness } from '../contract/harness';

const c = contractHarness({ persons: 300 });
const HOSTILE = ['null', '[]', '7', '"text"', 'true', '{"a":', '[{"reason":"Lost"}]'];


describe('bodies that are not JSON objects', () => {
  it('object actions answer 422 and change nothing', async () => {
    const { cookie } = await c.signIn('registration-officer');
    const card = c.store.db.cards.find((x) => x.status === 'Active')!;
    const person = c.store.db.persons.find((x) => x.status === 'Active')!;
    for (const [key, id, action, version] of [
      ['POST /cards/{id}/actions/{action}', card.id, 'lock', card.version],
      ['POST /persons/{id}/actions/{action}', person.id, 'deactivate', person.version],
    ] as const) {
      for (const body of HOSTILE) {
        const p = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id, action }, headers: { 'If-Match': `"${version}"` }, body }), 422)) as Problem;
        expect(p.errors?.body, `${key} ${body}`).toBeTruthy();
      }
      // Fields of the wrong type are named.
      const wrong = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id, action }, headers: { 'If-Match': `"${version}"` }, body: { reason: { text: 'Lost' }, personId: 5 } }), 422)) as Problem;
      expect(Object.keys(wrong.errors ?? {}).sort()).toEqual(['personId', 'reason']);
    }
    expect(c.store.db.cards.get(card.id)!.status).toBe('Active');
    expect(c.store.db.persons.get(person.id)!.status).toBe('Active');
  });

  it('task decisions, user actions, self-service and batch orders answer 422', async () => {
    const approver = await c.signIn('approver');
    const task = c.store.db.tasks.find((t) => t.type === 'card-approval' && t.status === 'Open' && t.requestedById !== c.store.db.accounts.find((a) => a.username === 'approver')!.personId)!;
    for (const body of HOSTILE) {
      await c.expectDocumented('POST /tasks/{id}/actions/{decision}', await c.call('POST /tasks/{id}/actions/{decision}', { cookie: approver.cookie, path: { id: task.id, decision: 'reject' }, headers: { 'If-Match': `"${task.version}"` }, body }), 422);
    }
    const wrongReason = (await c.expectDocumented('POST /tasks/{id}/actions/{decision}', await c.call('POST /tasks/{id}/actions/{decision}', { cookie: approver.cookie, path: { id: task.id, decision: 'reject' }, headers: { 'If-Match': `"${task.version}"` }, body: { reason: ['a'] } }), 422)) as Problem;
    expect(wrongReason.errors?.reason).toBeTruthy();

    const admin = await c.signIn('user-administrator');
    const target = c.store.db.accounts.find((a) => a.username === 'approver')!;
    for (const body of HOSTILE) {
      await c.expectDocumented('POST /users/{id}/actions/assign-role', await c.call('POST /users/{id}/actions/assign-role', { cookie: admin.cookie, path: { id: target.id }, headers: { 'If-Match': `"${target.version ?? 1}"` }, body }), 422);
    }

    const elin = await c.signIn('self-service-user');
    const me = (await (await c.call('GET /self-service/me', { cookie: elin.cookie })).json()) as SelfServiceMe;
    const card = me.cards.find((x) => x.status === 'Active')!;
    for (const body of HOSTILE) {
      await c.expectDocumented('POST /self-service/cards/{id}/actions/lock', await c.call('POST /self-service/cards/{id}/actions/lock', { cookie: elin.cookie, path: { id: card.id }, headers: { 'If-Match': `"${card.version}"` }, body }), 422);
      await c.expectDocumented('POST /self-service/password', await c.call('POST /self-service/password', { cookie: elin.cookie, body }), 422);
    }

    const cpa = await c.signIn('card-production-administrator');
    for (const body of [...HOSTILE, JSON.stringify({ type: 'produce-cards', query: { q: 5 } }), JSON.stringify({ type: 'produce-cards', ids: [5] })]) {
      await c.expectDocumented('POST /batch-orders', await c.call('POST /batch-orders', { cookie: cpa.cookie, headers: { 'Idempotency-Key': `k-${body}` }, body }), 422);
    }
    expect(c.store.db.accounts.get(target.id)!.roles).toEqual(target.roles);
  });
});

describe('texts that would forge or hide audit lines', () => {
  it('a failed sign-in keeps the username cleaned and capped, and a long one is refused', async () => {
    const forged = 'nobody\n2026-12-03T09:00:00Z bootstrap-administrator sign-in success\u202e';
    await c.expectDocumented('POST /session', await c.call('POST /session', { body: { username: forged, password: 'x' } }), 401);
    const entry = c.store.db.audit.at(-1)!;
    expect(entry.actor).not.toMatch(/[\n\u202e]/);
    expect(entry.actor).toContain('\\u000a');
    expect(entry.actor).toContain('\\u202e');
    const long = (await c.expectDocumented('POST /session', await c.call('POST /session', { body: { username: 'a'.repeat(4 * 1024 * 1024), password: 'x' } }), 422)) as Problem;
    expect(long.errors?.username).toMatch(/at most 200/);
    const justUnder = 'b'.repeat(200);
    await c.expectDocumented('POST /session', await c.call('POST /session', { body: { username: justUnder, password: 'x' } }), 401);
    expect(c.store.db.audit.at(-1)!.actor.length).toBeLessThan(140);
  });
});

describe('look-alike tenant names', () => {
  it('refuses invisible, control and text-direction characters, and names that fold to an existing one', async () => {
    const { cookie } = await c.signIn('service-administrator');
    const key = 'POST /admin/tenants';
    for (const name of ['Nord\u200bvik', 'Nordvik\u202e', 'Nord\u0000vik', 'Nord\nvik Two', 'Nord\tvik Two', '\ufeffNordvik Two', 'ＮＯＲＤＶＩＫ']) {
      const p = (await c.expectDocumented(key, await c.call(key, { cookie, body: { name, description: '' } }), 422)) as Problem;
      expect(p.errors?.name, JSON.stringify(name)).toBeTruthy();
    }
    const tenants = (await (await c.call('GET /tenants')).json()) as { items: { name: string }[] };
    expect(tenants.items.map((t) => t.name)).toEqual(['Nordvik', 'Nordvik Labs']);
    await c.expectDocumented(key, await c.call(key, { cookie, body: { name: 'Nordvik Övik', description: '' } }), 201);
  });
});
