import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchOrderType } from '../../src/api/types';
import { principalOf, type Permission } from '../../src/access/model';
import { Store } from '../db/store';
import { actionPermission, BatchRunner, createOrder } from './batch';

/**
 * Written from the seed: the card production administrator "produces cards; repeats production", so
 * repeating a production is its own permission; every other action needs the order type's.
 */
const EXPECTED: Record<BatchOrderType, Record<'run' | 'cancel' | 'repeat-failed' | 'complete', Permission>> = {
  'produce-cards': { run: 'card:produce', cancel: 'card:produce', 'repeat-failed': 'card:repeat-production', complete: 'card:produce' },
  'request-cards': { run: 'card:request', cancel: 'card:request', 'repeat-failed': 'card:request', complete: 'card:request' },
  'issue-temporary-cards': { run: 'temporary-card:issue', cancel: 'temporary-card:issue', 'repeat-failed': 'temporary-card:issue', complete: 'temporary-card:issue' },
  'reset-passwords': { run: 'password:reset', cancel: 'password:reset', 'repeat-failed': 'password:reset', complete: 'password:reset' },
  'edit-roles': { run: 'role:assign', cancel: 'role:assign', 'repeat-failed': 'role:assign', complete: 'role:assign' },
};

describe('the permission of each order action', () => {
  it.each(Object.entries(EXPECTED))('%s', (type, actions) => {
    for (const [action, permission] of Object.entries(actions)) expect(actionPermission(type as BatchOrderType, action), action).toBe(permission);
  });
});

describe('the batch runner', () => {
  let store: Store;
  beforeEach(() => {
    vi.useFakeTimers();
    store = new Store(undefined, { persons: 300 });
  });
  afterEach(() => vi.useRealTimers());

  /** A running reset-passwords order of `n` active persons, not yet worked. */
  const running = (n: number, skip: number) => {
    const ids = store.db.persons.filter((p) => p.status === 'Active').slice(skip, skip + n).map((p) => p.id);
    const order = createOrder(store.db, { type: 'reset-passwords', ids }, ids, { id: store.db.accounts.all()[0]!.personId, displayName: 'Test' }, `k-${skip}`);
    if ('errors' in order) throw new Error(JSON.stringify(order.errors));
    const started = { ...order, status: 'Running' as const, startedAt: new Date().toISOString() };
    store.put('batchOrders', started);
    return started.id;
  };
  const order = (id: string) => store.db.batchOrders.get(id)!;

  it('moves every running order on each tick, side by side, so none waits at 0', () => {
    const first = running(100, 0);
    const second = running(100, 100);
    new BatchRunner(store).resume();
    vi.advanceTimersToNextTimer();
    expect(order(first).processedCount).toBe(25);
    expect(order(second).processedCount).toBe(25);
    vi.runAllTimers();
    expect([order(first).status, order(second).status]).toEqual(['Finished', 'Finished']);
    expect([order(first).processedCount, order(second).processedCount]).toEqual([100, 100]);
  });

  it('keeps the version while it runs (an If-Match stays good) and bumps it when the order finishes', () => {
    const id = running(100, 0);
    const version = order(id).version;
    new BatchRunner(store).resume();
    vi.advanceTimersToNextTimer();
    expect(order(id)).toMatchObject({ status: 'Running', processedCount: 50, version });
    vi.runAllTimers();
    expect(order(id)).toMatchObject({ status: 'Finished', version: version + 1 });
  });

  it('works nothing while another backend leads, and takes over when it becomes the leader', () => {
    const id = running(60, 0);
    store.background.leader = false;
    new BatchRunner(store).resume();
    vi.runAllTimers();
    expect(order(id).processedCount).toBe(0);
    store.background.leader = true;
    for (const wake of store.background.wake) wake();
    vi.runAllTimers();
    expect(order(id)).toMatchObject({ status: 'Finished', processedCount: 60 });
  });
});

describe('an Edit roles order keeps the rules of role administration', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('skips, with the reason, accounts whose change would lift someone or touch one\'s own roles; checks again when worked', () => {
    const store = new Store(undefined, { persons: 300 });
    const admin = store.db.accounts.find((a) => a.username === 'user-administrator')!;
    const helpdesk = store.db.accounts.find((a) => a.username === 'helpdesk')!;
    const approver = store.db.accounts.find((a) => a.username === 'approver')!;
    const caller = { account: admin, principal: principalOf(admin.roles) };
    const by = { id: admin.personId, displayName: 'Mette Jensen' };
    const ids = [helpdesk.id, admin.id];

    const lifting = createOrder(store.db, { type: 'edit-roles', ids, roles: { add: ['BaseRoleBootstrapAdmin'], remove: [] } }, ids, by, 'k-lift', caller);
    if ('errors' in lifting) throw new Error('not created');
    expect(lifting.items.map((i) => [i.id, i.status])).toEqual([[helpdesk.id, 'skipped'], [admin.id, 'skipped']]);
    expect(lifting.items[0]!.reason).toMatch(/Bootstrap administrator/);
    expect(lifting.items[1]!.reason).toMatch(/own roles/i);

    const fine = createOrder(store.db, { type: 'edit-roles', ids: [approver.id], roles: { add: ['BaseRoleHelpdeskOfficer'], remove: [] } }, [approver.id], by, 'k-ok', caller);
    if ('errors' in fine) throw new Error('not created');
    expect(fine.items.map((i) => i.status)).toEqual(['pending']);
    // The creator loses the role that let them assign others' roles before the order runs.
    store.put('accounts', { ...admin, roles: ['BaseRoleSelfServiceUser'] });
    store.put('batchOrders', { ...fine, status: 'Running', startedAt: new Date().toISOString() });
    new BatchRunner(store).resume();
    vi.runAllTimers();
    const worked = store.db.batchOrders.get(fine.id)!;
    expect(worked.items[0]).toMatchObject({ status: 'failed' });
    expect(store.db.accounts.get(approver.id)!.roles).toEqual(approver.roles);
  });
});
