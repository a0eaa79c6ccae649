/**
 * Batch orders: production and other work on many objects at once, run as a backend job in small
 * chunks (the page stays responsive in the demo), item by item with its own status, never run twice
 * for the same Idempotency-Key, and never silently partial: the order says how many succeeded and failed.
 */
import { can, isAssignableToPerson, principalOf, type Permission, type Principal } from '../../src/access/model';
import type { BatchItem, BatchOrderDetail, BatchOrderInput, BatchOrderType, Card, Certificate } from '../../src/api/types';
import type { Account, BatchOrderRecord, Db } from '../db/schema';
import type { Store } from '../db/store';
import { newCardRequest, type Change } from './actions';
import { roleChangeBlock } from './users';

export const BATCH_PERMISSION: Record<BatchOrderType, Permission> = {
  'produce-cards': 'card:produce',
  'request-cards': 'card:request',
  'issue-temporary-cards': 'temporary-card:issue',
  'reset-passwords': 'password:reset',
  'edit-roles': 'role:assign',
};
/**
 * The permission an action on an order needs: repeating a production is its own permission in the
 * seed (card:repeat-production), every other action needs the order type's.
 */
export function actionPermission(type: BatchOrderType, action: string): Permission {
  return type === 'produce-cards' && action === 'repeat-failed' ? 'card:repeat-production' : BATCH_PERMISSION[type];
}
export const MAX_ITEMS = 10_000;
const CHUNK = 50;
const DAY = 86_400_000;

/** A stable hash, so the same card fails the same way on every run of the demo. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
/** About 3% of productions fail (printer feed errors), deterministically by card and attempt. */
export const productionFails = (id: string, attempt: number) => hash(`${id}#${attempt}`) % 100 < 3;

export function requestHash(input: BatchOrderInput): string {
  const norm = {
    type: input.type,
    ids: input.ids ? [...input.ids].sort() : null,
    query: input.query ?? null,
    roles: input.roles ? { add: [...input.roles.add].sort(), remove: [...input.roles.remove].sort() } : null,
  };
  return String(hash(JSON.stringify(norm)));
}

/**
 * Why the caller may not change these roles of the account (the rules of role administration: never
 * one's own roles, never lifting anyone above oneself, never the last Bootstrap administrator), or null.
 */
function roleEditBlock(db: Db, target: Account, roles: { add: string[]; remove: string[] }, caller: Account, principal: Principal): string | null {
  const accounts = db.accounts.all();
  for (const [list, change] of [[roles.add, 'assign'], [roles.remove, 'de-assign']] as const) {
    for (const roleId of list) {
      const block = roleChangeBlock(target, caller, principal, roleId, change, accounts);
      if (block) return block.reason;
    }
  }
  return null;
}

/** Who creates an order: the rules of role administration are checked against them. */
export interface OrderCaller {
  account: Account;
  principal: Principal;
}

/** Whether an object can take part in an order of this type; a reason when it cannot. */
function eligibility(db: Db, type: BatchOrderType, id: string, roles?: { add: string[]; remove: string[] }, caller?: OrderCaller): { label: string; skip?: string } | null {
  switch (type) {
    case 'produce-cards': {
      const c = db.cards.get(id);
      if (!c) return null;
      return { label: c.number, ...(c.status !== 'Approved' && c.status !== 'Failed' ? { skip: `Not ready for production: the card is ${c.status}.` } : {}) };
    }
    case 'issue-temporary-cards': {
      const c = db.temporaryCards.get(id);
      if (!c) return null;
      return { label: c.number, ...(c.status !== 'Requested' && c.status !== 'Failed' ? { skip: `Not ready: the temporary card is ${c.status}.` } : {}) };
    }
    case 'request-cards': {
      const p = db.persons.get(id);
      if (!p) return null;
      if (p.status !== 'Active') return { label: p.displayName, skip: `The person is ${p.status}.` };
      const pending = db.cards.find((c) => c.personId === id && ['Registered', 'Requested', 'Approved', 'Issued'].includes(c.status));
      return { label: p.displayName, ...(pending ? { skip: `Already has card ${pending.number} (${pending.status}).` } : {}) };
    }
    case 'reset-passwords': {
      const p = db.persons.get(id);
      if (!p) return null;
      return { label: p.displayName, ...(p.status !== 'Active' ? { skip: `The person is ${p.status}.` } : {}) };
    }
    case 'edit-roles': {
      const a = db.accounts.get(id);
      if (!a) return null;
      const block = roles && caller ? roleEditBlock(db, a, roles, caller.account, caller.principal) : null;
      return { label: a.username, ...(block ? { skip: block } : {}) };
    }
  }
}

export function orderDetail(o: BatchOrderRecord): BatchOrderDetail {
  const { idempotencyKey: _k, requestHash: _h, tenantId: _t, ...rest } = o;
  const count = (s: BatchItem['status']) => o.items.filter((i) => i.status === s).length;
  const actions: BatchOrderDetail['allowedActions'] = [];
  if (o.status === 'Created') actions.push('run', 'cancel');
  if (o.status === 'Running') actions.push('cancel');
  if (o.status === 'Finished') {
    if (count('failed') > 0) actions.push('repeat-failed');
    actions.push('complete');
  }
  return { ...rest, doneCount: count('done'), skippedCount: count('skipped'), allowedActions: actions };
}

export function summarise(o: BatchOrderRecord): BatchOrderRecord {
  const failedCount = o.items.filter((i) => i.status === 'failed').length;
  const processedCount = o.items.filter((i) => i.status !== 'pending').length;
  return { ...o, failedCount, processedCount, itemCount: o.items.length };
}

export function createOrder(db: Db, input: BatchOrderInput, ids: string[], by: { id: string; displayName: string }, key: string, caller?: OrderCaller): BatchOrderRecord | { errors: Record<string, string> } {
  const items: BatchItem[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const e = eligibility(db, input.type, id, input.roles, caller);
    if (!e) unknown.push(id);
    else items.push({ id, label: e.label, status: e.skip ? 'skipped' : 'pending', ...(e.skip ? { reason: e.skip } : {}), attempts: 0 });
  }
  if (unknown.length) return { errors: { ids: `Unknown ids: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}` } };
  if (input.type === 'edit-roles') {
    const bad = [...(input.roles?.add ?? [])].filter((r) => !isAssignableToPerson(r));
    if (!input.roles || input.roles.add.length + input.roles.remove.length === 0) return { errors: { roles: 'Name the roles to add or remove.' } };
    if (bad.length) return { errors: { roles: `These roles cannot be assigned to a person: ${bad.join(', ')}.` } };
  }
  const now = new Date().toISOString();
  return summarise({
    id: `bo-${String(db.batchOrders.size + 1).padStart(4, '0')}`,
    type: input.type,
    status: 'Created',
    itemCount: items.length,
    processedCount: 0,
    failedCount: 0,
    createdAt: now,
    createdBy: by,
    version: 1,
    items,
    startedAt: null,
    finishedAt: null,
    idempotencyKey: key,
    requestHash: requestHash(input),
    ...(input.roles ? { roles: input.roles } : {}),
  });
}

/** Works one item; returns the changes and, on failure, the reason. */
function work(db: Db, o: BatchOrderRecord, item: BatchItem, actor: Account): { changes: Change[]; fail?: string; history?: { before: string; after: string } } {
  const now = Date.now();
  switch (o.type) {
    case 'produce-cards': {
      const card = db.cards.get(item.id)!;
      if (card.status !== 'Approved' && card.status !== 'Failed') return { changes: [], fail: `The card is ${card.status} now.` };
      if (productionFails(card.id, item.attempts)) {
        return {
          changes: [{ collection: 'cards', value: { ...card, status: 'Failed', version: card.version + 1 } }],
          fail: 'The card printer reported a feed error.',
          history: { before: card.status, after: 'Failed' },
        };
      }
      const issued: Card = { ...card, status: 'Issued', validFrom: new Date(now).toISOString(), validTo: new Date(now + 3 * 365 * DAY).toISOString(), version: card.version + 1 };
      const changes: Change[] = [{ collection: 'cards', value: issued }];
      let size = db.certificates.size;
      for (const type of (card.type === 'visitor' ? ['authentication'] : ['authentication', 'signature', 'encryption']) as Certificate['type'][]) {
        size += 1;
        changes.push({
          collection: 'certificates',
          value: { id: `cert-${String(size).padStart(6, '0')}`, cardId: card.id, personId: card.personId, type, status: 'Issued', serialNumber: (hash(`${card.id}${type}${size}`).toString(16) + size.toString(16)).padStart(16, '0').slice(-16), validTo: issued.validTo, version: 1 },
        });
      }
      return { changes, history: { before: card.status, after: 'Issued' } };
    }
    case 'issue-temporary-cards': {
      const t = db.temporaryCards.get(item.id)!;
      if (productionFails(t.id, item.attempts)) return { changes: [{ collection: 'temporaryCards', value: { ...t, status: 'Failed', version: t.version + 1 } }], fail: 'The card printer reported a feed error.', history: { before: t.status, after: 'Failed' } };
      return { changes: [{ collection: 'temporaryCards', value: { ...t, status: 'Unassigned', version: t.version + 1 } }], history: { before: t.status, after: 'Unassigned' } };
    }
    case 'request-cards': {
      const p = db.persons.get(item.id)!;
      const changes: Change[] = [];
      newCardRequest({ db, now, actorPersonId: actor.personId }, p, changes, []);
      return { changes };
    }
    case 'reset-passwords':
      return { changes: [] };
    case 'edit-roles': {
      const a = db.accounts.get(item.id)!;
      // Checked again when worked: the creator's roles, or the account's, may have changed meanwhile.
      const principal = principalOf(actor.roles);
      const needed = (['role:assign', ...(o.roles!.remove.length ? ['role:deassign'] : [])] as Permission[]).find((p) => !can(principal, p));
      if (needed) return { changes: [], fail: `The order's creator no longer holds the permission ${needed}.` };
      const block = roleEditBlock(db, a, o.roles!, actor, principal);
      if (block) return { changes: [], fail: block };
      const roles = [...new Set([...a.roles.filter((r) => !o.roles!.remove.includes(r)), ...o.roles!.add])];
      return { changes: [{ collection: 'accounts', value: { ...a, roles, version: (a.version ?? 1) + 1 } }] };
    }
  }
}

/**
 * Runs orders in the background, a chunk at a time, so every task stays short. Every running order
 * moves on each tick (side by side, sharing the chunk), so a second order never sits at 0 behind the
 * first. After a reload it picks running orders up again. Where several backends share one journal
 * (dedicated workers, one per tab), only the one that holds `store.background.leader` runs them.
 */
export class BatchRunner {
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(private readonly store: Store) {
    store.background.wake.push(() => this.resume());
  }

  /** Resumes orders left running (e.g. by a reload). */
  resume() {
    if (this.store.db.batchOrders.find((o) => o.status === 'Running')) this.schedule();
  }

  schedule() {
    if (!this.store.background.leader) return;
    this.timer ??= setTimeout(() => this.tick(), 0);
  }

  private tick() {
    this.timer = null;
    if (!this.store.background.leader) return;
    const running = this.store.db.batchOrders.filter((o) => o.status === 'Running');
    if (running.length === 0) return;
    const share = Math.max(1, Math.floor(CHUNK / running.length));
    for (const order of running) this.advance(order, share);
    this.schedule();
  }

  private advance(order: BatchOrderRecord, chunk: number) {
    const store = this.store;
    const actor = store.db.accounts.find((a) => a.personId === order.createdBy.id) ?? store.db.accounts.all()[0]!;
    const actorRef = { username: actor.username, displayName: order.createdBy.displayName };
    const items = order.items.map((i) => ({ ...i }));
    let n = 0;
    const at = new Date().toISOString();
    for (const item of items) {
      if (item.status !== 'pending') continue;
      if (n++ >= chunk) break;
      const r = work(store.db, order, item, actor);
      for (const c of r.changes) store.put(c.collection, c.value as never);
      item.attempts += 1;
      item.status = r.fail ? 'failed' : 'done';
      if (r.fail) item.reason = r.fail;
      else delete item.reason;
      if (r.history) {
        store.put('history', {
          id: `h-${String(store.db.history.size + 1).padStart(8, '0')}`,
          objectId: item.id,
          at,
          actor: actorRef,
          action: order.type === 'produce-cards' ? 'produce' : order.type,
          outcome: r.fail ? 'refused' : 'success',
          before: r.history.before,
          after: r.history.after,
          detail: `Batch order ${order.id}${r.fail ? `: ${r.fail}` : ''}`,
        });
      }
    }
    const done = !items.some((i) => i.status === 'pending');
    // Progress keeps the version (a person's If-Match stays good while it runs); finishing bumps it.
    store.put('batchOrders', summarise({ ...order, items, status: done ? 'Finished' : 'Running', finishedAt: done ? new Date().toISOString() : null, version: done ? order.version + 1 : order.version }));
    if (done) store.audit({ actor: actor.username, action: 'batch-finished', target: order.id, outcome: 'success', detail: `${items.filter((i) => i.status === 'done').length} done, ${items.filter((i) => i.status === 'failed').length} failed`, ...(order.tenantId ? { tenantId: order.tenantId } : {}) });
  }
}
