import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchOrderType } from '../../src/api/types';
import type { Permission } from '../../src/access/model';
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
