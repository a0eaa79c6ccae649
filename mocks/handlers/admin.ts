import { HttpResponse } from 'msw';
import type { AuditLogEntry, ServiceAction } from '../../src/api/types';
import type { AuditEntry } from '../db/schema';
import type { Store } from '../db/store';
import {
  applyConnectorInput,
  auditValues,
  BATCH_SYNC,
  connectorView,
  findProcess,
  listProcesses,
  newSyncRun,
  SERVICE_ACTIONS,
  serviceView,
  settleServices,
  settleSyncRuns,
  startTransition,
  syncView,
  testConnector,
} from '../domain/admin';
import { endpoint, ifMatchState, inTenant, paginate, preconditionRequired, problem, readJsonObject, readPageQuery, type Ctx } from './http';

const OUTCOMES = ['success', 'denied', 'failed'] as const;

const changedMeanwhile = (what: string, currentVersion: number) =>
  problem(412, 'Changed meanwhile', `This ${what} was changed by someone else since you loaded it. Reload it and try again.`, { currentVersion });

/** The system log entry as the API shows it (without the tenant). */
const logView = ({ tenantId: _t, ...e }: AuditEntry): AuditLogEntry => e;

/** Admin: services, connectors, system log, processes and synchronisation runs (Explorer right Admin). */
export function adminHandlers(store: Store) {
  const serviceAction = (action: ServiceAction) =>
    endpoint(store, 'post', `/admin/services/:id/actions/${action}`, { permission: SERVICE_ACTIONS[action].permission, right: { right: 'Admin' } }, ({ request, params, account, principal, tenantId }) => {
      settleServices(store);
      const s = store.db.services.get(String(params.id));
      if (!s) return problem(404, 'Not found', 'There is no such service.');
      const pre = ifMatchState(request, s.version);
      if (pre === 'missing') return preconditionRequired();
      if (pre === 'stale') return changedMeanwhile('service', s.version);
      if (s.state !== SERVICE_ACTIONS[action].from) {
        store.audit({ actor: account.username, action: `service-${action}`, target: s.name, object: s.id, outcome: 'failed', detail: `the service is ${s.state}`, tenantId });
        return problem(409, 'Not possible now', `The service is ${s.state}; ${action} is not possible now.`, { currentStatus: s.state });
      }
      const next = startTransition(s, action, account.username);
      store.put('services', next);
      store.audit({ actor: account.username, action: `service-${action}`, target: s.name, object: s.id, outcome: 'success', before: { state: s.state }, after: { state: next.state }, tenantId });
      return HttpResponse.json(serviceView(next, principal), { status: 202, headers: { ETag: `"${next.version}"` } });
    });

  const connectorOf = (ctx: Ctx) => {
    const c = store.db.connectors.get(String(ctx.params.id));
    return c && inTenant(c, ctx.tenantId) ? c : null;
  };

  return [
    endpoint(store, 'get', '/admin/services', { right: 'Admin' }, ({ url, request, principal }) => {
      const pq = readPageQuery({ url, request }, ['name', 'state']);
      if (pq instanceof Response) return pq;
      settleServices(store);
      const now = Date.now();
      return HttpResponse.json(paginate(store.db.services.all().map((s) => serviceView(s, principal, now)), pq));
    }),
    serviceAction('start'),
    serviceAction('stop'),
    serviceAction('restart'),

    endpoint(store, 'get', '/admin/connectors', { right: 'Admin' }, ({ url, request, tenantId }) => {
      const pq = readPageQuery({ url, request }, ['name', 'type']);
      if (pq instanceof Response) return pq;
      return HttpResponse.json(paginate(store.db.connectors.filter((c) => inTenant(c, tenantId)).map(connectorView), pq));
    }),
    endpoint(store, 'get', '/admin/connectors/:id', { right: 'Admin' }, (ctx) => {
      const c = connectorOf(ctx);
      if (!c) return problem(404, 'Not found', 'There is no such connector.');
      return HttpResponse.json(connectorView(c), { headers: { ETag: `"${c.version}"` } });
    }),
    endpoint(store, 'put', '/admin/connectors/:id', { permission: 'connector:configure', right: { right: 'Admin' } }, async (ctx) => {
      const { request, account, tenantId } = ctx;
      const c = connectorOf(ctx);
      if (!c) return problem(404, 'Not found', 'There is no such connector.');
      const pre = ifMatchState(request, c.version);
      if (pre === 'missing') return preconditionRequired();
      if (pre === 'stale') return changedMeanwhile('connector', c.version);
      const body = await readJsonObject(request, 'Send a JSON object with enabled and settings.');
      if (body instanceof Response) return body;
      const result = applyConnectorInput(c, body);
      if ('errors' in result) {
        store.audit({ actor: account.username, action: 'connector-configure', target: c.name, object: c.id, outcome: 'failed', detail: `invalid: ${Object.keys(result.errors).join(', ')}`, tenantId });
        return problem(422, 'Invalid settings', 'Some settings are not valid; nothing was changed.', { errors: result.errors });
      }
      const next = { ...c, ...result.next, version: c.version + 1, updatedAt: new Date().toISOString(), updatedBy: account.username };
      store.put('connectors', next);
      store.audit({
        actor: account.username, action: 'connector-configure', target: c.name, object: c.id, outcome: 'success',
        before: auditValues(c), after: auditValues(next, result.changedSecrets), tenantId,
        ...(result.changedSecrets.length ? { detail: `secrets changed: ${result.changedSecrets.join(', ')}` } : {}),
      });
      return HttpResponse.json(connectorView(next), { headers: { ETag: `"${next.version}"` } });
    }),
    endpoint(store, 'post', '/admin/connectors/:id/actions/test', { permission: 'connector:configure', right: { right: 'Admin' } }, (ctx) => {
      const { account, tenantId } = ctx;
      const c = connectorOf(ctx);
      if (!c) return problem(404, 'Not found', 'There is no such connector.');
      const result = testConnector(c);
      store.put('connectors', { ...c, lastTest: result });
      store.audit({ actor: account.username, action: 'connector-test', target: c.name, object: c.id, outcome: result.ok ? 'success' : 'failed', detail: result.message, tenantId });
      return HttpResponse.json(result);
    }),

    endpoint(store, 'get', '/admin/system-log', { permission: 'system-log:read', right: { right: 'Admin' } }, ({ url, request, tenantId }) => {
      const pq = readPageQuery({ url, request }, ['at', 'actor', 'action', 'outcome']);
      if (pq instanceof Response) return pq;
      const sp = url.searchParams;
      const errors: Record<string, string> = {};
      const time = (name: 'from' | 'to') => {
        const v = sp.get(name);
        if (!v) return null;
        const ms = Date.parse(v);
        if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(v)) errors[name] = `${name} must be a date and time such as 2026-11-01T08:00:00Z.`;
        return ms;
      };
      const from = time('from');
      const to = time('to');
      if (from !== null && to !== null && !errors.from && !errors.to && from > to) errors.to = 'to must not be before from.';
      const outcome = sp.get('outcome') ?? '';
      if (outcome && !(OUTCOMES as readonly string[]).includes(outcome)) errors.outcome = `outcome must be one of ${OUTCOMES.join(', ')}.`;
      if (Object.keys(errors).length) return problem(422, 'Invalid query', 'Some query parameters are not valid.', { errors });
      const actor = (sp.get('actor') ?? '').trim().toLowerCase();
      const action = (sp.get('action') ?? '').trim().toLowerCase();
      const object = (sp.get('object') ?? '').trim().toLowerCase();
      const items = store.db.audit.filter((e) => {
        if (!inTenant(e, tenantId)) return false;
        const at = Date.parse(e.at);
        if (from !== null && at < from) return false;
        if (to !== null && at > to) return false;
        if (actor && !e.actor.toLowerCase().includes(actor)) return false;
        if (action && !e.action.toLowerCase().includes(action)) return false;
        if (object && !e.target.toLowerCase().includes(object) && !(e.object ?? '').toLowerCase().includes(object)) return false;
        if (outcome && e.outcome !== outcome) return false;
        return true;
      });
      // Newest first unless asked otherwise; entries are appended in time order except the seeded history.
      const ordered = pq.sort ? items : [...items].sort((a, b) => b.at.localeCompare(a.at) || Number(b.id.slice(2)) - Number(a.id.slice(2)));
      return HttpResponse.json(paginate(ordered.map(logView), pq));
    }),

    endpoint(store, 'get', '/admin/processes', { permission: 'process:list', right: { right: 'Admin' } }, ({ url, request, tenantId, principal }) => {
      const pq = readPageQuery({ url, request }, ['name', 'kind', 'startedAt', 'owner']);
      if (pq instanceof Response) return pq;
      settleSyncRuns(store);
      return HttpResponse.json(paginate(listProcesses(store, tenantId, principal), pq));
    }),
    endpoint(store, 'post', '/admin/processes/:id/actions/kill', { permission: 'process:kill', right: { right: 'Admin' } }, ({ params, account, tenantId }) => {
      settleSyncRuns(store);
      const id = String(params.id);
      const p = findProcess(store, id, tenantId);
      if (!p) return problem(404, 'Not found', 'There is no such process.');
      if (!p.running) {
        store.audit({ actor: account.username, action: 'process-kill', target: p.name, object: id, outcome: 'failed', detail: 'no longer running', tenantId });
        return problem(409, 'Not possible now', `${p.name} is no longer running.`, { currentStatus: 'Ended' });
      }
      p.apply(Date.now());
      store.audit({ actor: account.username, action: 'process-kill', target: p.name, object: id, outcome: 'success', detail: p.kind, tenantId });
      return new HttpResponse(null, { status: 204 });
    }),

    endpoint(store, 'get', '/admin/sync-runs', { right: 'Admin' }, ({ url, request, tenantId }) => {
      const pq = readPageQuery({ url, request }, ['startedAt', 'status']);
      if (pq instanceof Response) return pq;
      settleSyncRuns(store);
      const now = Date.now();
      const runs = store.db.syncRuns.filter((r) => inTenant(r, tenantId)).reverse();
      return HttpResponse.json(paginate(runs.map((r) => syncView(r, now)), pq));
    }),
    endpoint(store, 'post', '/admin/sync-runs', { permission: 'service:start', right: { right: 'Admin' } }, ({ account, tenantId }) => {
      settleSyncRuns(store);
      const running = store.db.syncRuns.find((r) => r.status === 'Running' && inTenant(r, tenantId));
      if (running) return problem(409, 'Not possible now', `Synchronisation ${running.id} is still running.`, { currentStatus: 'Running' });
      const run = newSyncRun(store, account, tenantId);
      store.put('syncRuns', run);
      store.audit({ actor: account.username, action: 'sync-start', target: run.source, object: run.id, outcome: 'success', detail: `runs as ${BATCH_SYNC}`, tenantId });
      return HttpResponse.json(syncView(run), { status: 202, headers: { Location: `/api/v1/admin/sync-runs/${run.id}` } });
    }),
  ];
}
