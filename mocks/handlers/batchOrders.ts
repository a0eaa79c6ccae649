import { HttpResponse } from 'msw';
import { can } from '../../src/access/model';
import type { BatchOrder, BatchOrderInput, BatchOrderType, SearchType } from '../../src/api/types';
import type { Store } from '../db/store';
import { actionPermission, BATCH_PERMISSION, BatchRunner, createOrder, MAX_ITEMS, orderDetail, requestHash, summarise } from '../domain/batch';
import { checkFilters, search } from '../domain/search';
import { accountInTenant, endpoint, ifMatchState, inTenant, preconditionRequired, invalidFields, paginate, problem, readJsonObject, readPageQuery, wrongTypes } from './http';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
import { personInTenant, tenantOfPerson } from '../domain/tenancy';

const TYPES = Object.keys(BATCH_PERMISSION) as BatchOrderType[];
/** What an order's search criteria select, and the state ready for it when none is given. */
const SOURCE: Record<BatchOrderType, { in: SearchType | null; status?: string }> = {
  'produce-cards': { in: 'cards', status: 'Approved' },
  'issue-temporary-cards': { in: 'temporary-cards', status: 'Requested' },
  'request-cards': { in: 'persons', status: 'Active' },
  'reset-passwords': { in: 'persons', status: 'Active' },
  'edit-roles': { in: null },
};

export function batchOrderHandlers(store: Store) {
  /** Whether an object an order names belongs to the tenant (objects that do not exist are left to createOrder). */
  const inThisTenant = (type: BatchOrderType, id: string, tenantId: string): boolean => {
    const db = store.db;
    switch (type) {
      case 'produce-cards': {
        const c = db.cards.get(id);
        return !c || tenantOfPerson(db, c.personId) === tenantId;
      }
      case 'issue-temporary-cards': {
        const c = db.temporaryCards.get(id);
        return !c || tenantOfPerson(db, c.personId) === tenantId;
      }
      case 'request-cards':
      case 'reset-passwords':
        return !db.persons.get(id) || personInTenant(db, id, tenantId);
      case 'edit-roles': {
        const a = db.accounts.get(id);
        return !a || accountInTenant(a, tenantId);
      }
    }
  };

  const runner = new BatchRunner(store);
  runner.resume();
  const summaryOf = ({ items: _i, idempotencyKey: _k, requestHash: _h, startedAt: _s, finishedAt: _f, version: _v, roles: _r, tenantId: _t, ...o }: ReturnType<typeof summarise>): BatchOrder => o;

  return [
    endpoint(store, 'get', '/batch-orders', { right: 'Batch Orders' }, ({ url, request, tenantId }) => {
      const pq = readPageQuery({ url, request }, ['createdAt', 'type', 'status']);
      if (pq instanceof Response) return pq;
      const status = url.searchParams.get('status');
      const statuses = ['Created', 'Running', 'Finished', 'Completed', 'Cancelled'];
      if (status && !statuses.includes(status)) return problem(422, 'Invalid query', 'Some filters are not valid.', { errors: { status: `status must be one of ${statuses.join(', ')}.` } });
      const items = store.db.batchOrders.filter((b) => inTenant(b, tenantId) && (!status || b.status === status)).map(summaryOf);
      return HttpResponse.json(paginate(items, pq.sort ? pq : { ...pq, sort: { field: 'createdAt', dir: 'desc' } }));
    }),

    endpoint(store, 'get', '/batch-orders/:id', { right: 'Batch Orders' }, ({ params, tenantId }) => {
      const o = store.db.batchOrders.get(String(params.id));
      if (!o || !inTenant(o, tenantId)) return problem(404, 'Not found', 'There is no such batch order.');
      return HttpResponse.json(orderDetail(o), { headers: { ETag: `"${o.version}"` } });
    }),

    endpoint(store, 'post', '/batch-orders', { right: 'Batch Orders' }, async ({ request, principal, account, tenantId }) => {
      const key = request.headers.get('Idempotency-Key');
      if (!key) return problem(428, 'Idempotency key required', 'Send an Idempotency-Key header, so a retried request never creates a second order.');
      const body = await readJsonObject(request);
      if (body instanceof Response) return body;
      if (!TYPES.includes(body.type as BatchOrderInput['type'])) return problem(422, 'Invalid request', 'Choose an order type.', { errors: { type: `type must be one of ${TYPES.join(', ')}.` } });
      const typeErrors = wrongTypes(body, { ids: 'string[]' });
      if (Object.keys(typeErrors).length) return invalidFields(typeErrors);
      const roles = body.roles;
      if (roles !== undefined && !(isObject(roles) && Object.keys(wrongTypes(roles, { add: 'string[]', remove: 'string[]' })).length === 0 && Array.isArray(roles.add) && Array.isArray(roles.remove))) {
        return problem(422, 'Invalid request', 'Name the roles to add and to remove as lists.', { errors: { roles: 'roles needs add and remove lists.' } });
      }
      const query = body.query;
      if (query !== undefined && !(isObject(query) && Object.keys(query).every((k) => ['q', 'status', 'type'].includes(k)) && Object.keys(wrongTypes(query, { q: 'string', status: 'string', type: 'string' })).length === 0)) {
        return problem(422, 'Invalid criteria', 'Search criteria take q, status and type, each a text.', { errors: { query: 'query takes q, status and type, each a text.' } });
      }
      // Every field the order uses has been checked above.
      const input = body as unknown as BatchOrderInput;
      const permission = BATCH_PERMISSION[input.type];
      if (!can(principal, permission)) {
        store.audit({ actor: account.username, action: 'batch-create', target: input.type, outcome: 'denied', detail: `missing permission ${permission}`, tenantId });
        return problem(403, 'Access denied', `This order type needs the permission ${permission}.`, { missingPermission: permission });
      }
      // Withdrawing roles is its own permission (role:deassign), as on a user's page.
      if (input.type === 'edit-roles' && (input.roles?.remove.length ?? 0) > 0 && !can(principal, 'role:deassign')) {
        store.audit({ actor: account.username, action: 'batch-create', target: input.type, outcome: 'denied', detail: 'missing permission role:deassign', tenantId });
        return problem(403, 'Access denied', 'Removing roles needs the permission role:deassign.', { missingPermission: 'role:deassign' });
      }
      // Keys are the caller's own: another operator's key never returns their order.
      const earlier = store.db.batchOrders.find((o) => o.idempotencyKey === key && o.createdBy.id === account.personId && inTenant(o, tenantId));
      if (earlier) {
        if (earlier.requestHash !== requestHash(input)) {
          return problem(422, 'Idempotency key reused', 'This Idempotency-Key was used for a different order; use a new key for a new order.', { errors: { 'Idempotency-Key': 'Used for a different order.' } });
        }
        // The same request again (a retry): the first order, never a second one.
        return HttpResponse.json(orderDetail(earlier), { status: 200, headers: { ETag: `"${earlier.version}"` } });
      }
      let ids: string[];
      if (Array.isArray(input.ids)) ids = [...new Set(input.ids.map(String))];
      else if (input.query && SOURCE[input.type].in) {
        const type = SOURCE[input.type].in!;
        const params = new URLSearchParams({ ...(input.query.status ? {} : SOURCE[input.type].status ? { status: SOURCE[input.type].status! } : {}), ...Object.fromEntries(Object.entries(input.query).filter(([k, v]) => k !== 'q' && v)) as Record<string, string> });
        const { filters, errors } = checkFilters(type, params);
        if (Object.keys(errors).length) return problem(422, 'Invalid criteria', 'Some search criteria are not valid.', { errors });
        const found = search(store.db, type, { tenantId, q: (input.query.q ?? '').trim().toLowerCase(), filters, sort: null, page: 1, pageSize: MAX_ITEMS + 1 });
        ids = (found.items as { id: string }[]).map((r) => r.id);
      } else return problem(422, 'Invalid request', 'Tick the objects or give search criteria.', { errors: { ids: 'Choose at least one object.' } });
      // Objects of another tenant are unknown here, like ids that do not exist.
      const foreign = ids.filter((id) => !inThisTenant(input.type, id, tenantId));
      if (foreign.length) return problem(422, 'Invalid request', 'Some of the request is not valid.', { errors: { ids: `Unknown ids: ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? '…' : ''}` } });
      if (ids.length === 0) return problem(422, 'Nothing selected', 'Choose at least one object.', { errors: { ids: 'Choose at least one object.' }, errorCodes: { ids: 'required' } });
      if (ids.length > MAX_ITEMS) return problem(422, 'Too many objects', `One order takes at most ${MAX_ITEMS.toLocaleString('en')} objects; narrow the criteria.`, { errors: { ids: 'Too many objects.' }, errorCodes: { ids: 'too-many' } });
      const by = { id: account.personId, displayName: store.db.persons.get(account.personId)?.displayName ?? account.username };
      const created = createOrder(store.db, input, ids, by, key, { account, principal });
      if ('errors' in created) return problem(422, 'Invalid request', 'Some of the request is not valid.', { errors: created.errors });
      const order = { ...created, tenantId };
      store.put('batchOrders', order);
      store.audit({ actor: account.username, action: 'batch-create', target: order.id, outcome: 'success', detail: `${input.type}, ${order.itemCount} objects`, tenantId });
      return HttpResponse.json(orderDetail(order), { status: 201, headers: { ETag: `"${order.version}"`, Location: `/api/v1/batch-orders/${order.id}` } });
    }),

    endpoint(store, 'post', '/batch-orders/:id/actions/:action', { right: 'Batch Orders' }, ({ request, params, principal, account, tenantId }) => {
      const o = store.db.batchOrders.get(String(params.id));
      if (!o || !inTenant(o, tenantId)) return problem(404, 'Not found', 'There is no such batch order.');
      const action = String(params.action);
      if (!['run', 'cancel', 'repeat-failed', 'complete'].includes(action)) return problem(404, 'Not found', `A batch order has no action “${action}”.`);
      const permission = actionPermission(o.type, action);
      const target = `POST /api/v1/batch-orders/${o.id}/actions/${action}`;
      if (!can(principal, permission)) {
        store.audit({ actor: account.username, action: `batch-${action}`, target, outcome: 'denied', detail: `missing permission ${permission}`, tenantId });
        return problem(403, 'Access denied', `This needs the permission ${permission}.`, { missingPermission: permission });
      }
      // Like every other write: the version the person saw. A running order's progress does not
      // change its version (only the run's start and end do), so Cancel works while it runs.
      const match = ifMatchState(request, o.version);
      if (match === 'missing') return preconditionRequired();
      if (match === 'stale') return problem(412, 'Changed meanwhile', `Order ${o.id} changed since you loaded it; it is ${o.status} now. Look at it again and choose.`, { currentVersion: o.version, currentStatus: o.status });
      if (!orderDetail(o).allowedActions.includes(action as never)) {
        return problem(409, 'Not possible now', `The order is ${o.status}; ${action.replace('-', ' ')} is not possible now.`, { currentStatus: o.status });
      }
      const now = new Date().toISOString();
      let next = o;
      if (action === 'run') next = { ...o, status: 'Running', startedAt: now };
      if (action === 'cancel') next = { ...o, status: 'Cancelled', finishedAt: now };
      if (action === 'complete') next = { ...o, status: 'Completed', finishedAt: now };
      if (action === 'repeat-failed') next = { ...o, status: 'Running', finishedAt: null, items: o.items.map((i) => (i.status === 'failed' ? { ...i, status: 'pending' as const } : i)) };
      next = summarise({ ...next, version: o.version + 1 });
      store.put('batchOrders', next);
      store.audit({ actor: account.username, action: `batch-${action}`, target, outcome: 'success', tenantId });
      if (next.status === 'Running') runner.schedule();
      return HttpResponse.json(orderDetail(next), { status: next.status === 'Running' ? 202 : 200, headers: { ETag: `"${next.version}"` } });
    }),
  ];
}
