// @vitest-environment node
/**
 * The Admin API (services, connectors, system log, processes, synchronisation runs) against the
 * contract: access per persona (ACCESS.md: Admin is held by the Bootstrap administrator, the Service
 * administrator and the Registration officer; only the Service administrator holds the service,
 * connector, system-log and process permissions), secrets never returned, state transitions, and the
 * audit of every step.
 */
import { describe, expect, it } from 'vitest';
import type { AuditLogEntry, Collection, Connector, ConnectorTestResult, Problem, Process, Service, SyncRun } from '../../src/api/types';
import { BASE } from '../contract/document';
import { contractHarness } from '../contract/harness';

const c = contractHarness({ persons: 300 });
const { store } = c;

const ADMIN = 'service-administrator';
const SERVICE_ACTIONS = ['start', 'stop', 'restart'] as const;
/** Personas with the right Admin but none of the Service administrator's permissions. */
const ADMIN_WITHOUT_PERMISSIONS = ['bootstrap-administrator', 'registration-officer'];
const SEEDED_SECRETS = ['demo-bind-secret', 'demo-key-secret', 'demo-smtp-secret'];

const services = async (cookie: string) =>
  ((await c.expectDocumented('GET /admin/services', await c.call('GET /admin/services', { cookie }), 200)) as Collection<Service>).items;
const service = async (cookie: string, id: string) => (await services(cookie)).find((s) => s.id === id)!;
const log = async (cookie: string, query: Record<string, string | number> = {}) =>
  (await c.expectDocumented('GET /admin/system-log', await c.call('GET /admin/system-log', { cookie, query }), 200)) as Collection<AuditLogEntry>;
const connector = async (cookie: string, id: string) =>
  (await c.expectDocumented('GET /admin/connectors/{id}', await c.call('GET /admin/connectors/{id}', { cookie, path: { id } }), 200)) as Connector;

/** Moves the stored "next state at" times into the past, as if the time had passed. */
function fastForward(ms = 60_000) {
  for (const s of store.db.services.all()) {
    if (s.settlesAt) store.put('services', { ...s, settlesAt: new Date(Date.parse(s.settlesAt) - ms).toISOString() });
  }
  for (const r of store.db.syncRuns.all()) {
    if (r.settlesAt) store.put('syncRuns', { ...r, settlesAt: new Date(Date.parse(r.settlesAt) - ms).toISOString() });
  }
}

const putBody = (x: Connector, patch: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  enabled: x.enabled,
  settings: { ...x.settings, ...patch },
  ...extra,
});

describe('services', () => {
  it('lists every service with state, version, uptime, last change and the actions the caller may take', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const list = await services(cookie);
    expect(list.map((s) => s.name)).toEqual(expect.arrayContaining(['Process engine', 'CA connector', 'Card printer spooler', 'PACS export', 'E-mail', 'Directory synchronisation']));
    const running = list.find((s) => s.state === 'Running')!;
    expect(running.allowedActions.sort()).toEqual(['restart', 'stop']);
    expect(running.uptimeSeconds).toBeGreaterThan(0);
    const stopped = list.find((s) => s.state === 'Stopped')!;
    expect(stopped.allowedActions).toEqual(['start']);
    expect(stopped.uptimeSeconds).toBeNull();
    await c.expectDocumented('GET /admin/services', await c.call('GET /admin/services', { cookie, query: { sort: 'colour:asc' } }), 422);
  });

  it('offers no actions to Admin holders without the service permissions, and refuses them with 403', async () => {
    for (const username of ADMIN_WITHOUT_PERMISSIONS) {
      const { cookie } = await c.signIn(username);
      const list = await services(cookie);
      expect(list.every((s) => s.allowedActions.length === 0), username).toBe(true);
      for (const action of SERVICE_ACTIONS) {
        const key = `POST /admin/services/{id}/actions/${action}`;
        const res = await c.call(key, { cookie, path: { id: 'svc-processengine' }, headers: { 'If-Match': '"1"' } });
        const problem = (await c.expectDocumented(key, res, 403)) as Problem;
        expect(problem.missingPermission).toBe(`service:${action}`);
      }
    }
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: 'bootstrap-administrator', outcome: 'denied', detail: 'missing permission service:restart' }));
    expect(store.db.services.get('svc-processengine')!.state).toBe('Running');
  });

  it('restarts a service through Stopping and Starting to Running, and audits it', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const before = await service(cookie, 'svc-processengine');
    const key = 'POST /admin/services/{id}/actions/restart';
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: before.id } }), 428);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: before.id }, headers: { 'If-Match': `"${before.version + 5}"` } }), 412);
    const started = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: before.id }, headers: { 'If-Match': `"${before.version}"` } }), 202)) as Service;
    expect(started).toMatchObject({ state: 'Stopping', changedBy: ADMIN, allowedActions: [], uptimeSeconds: null });
    expect(started.version).toBeGreaterThan(before.version);

    // A second restart while it is Stopping is refused with the state it is in.
    const conflict = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: before.id }, headers: { 'If-Match': `"${started.version}"` } }), 409)) as Problem;
    expect(conflict.currentStatus).toBe('Stopping');
    // Still Stopping when read at once; the next state comes when its time has come.
    expect((await service(cookie, before.id)).state).toBe('Stopping');
    fastForward(SETTLE_STEP);
    expect((await service(cookie, before.id)).state).toBe('Starting');
    fastForward();
    const after = await service(cookie, before.id);
    expect(after.state).toBe('Running');
    expect(after.allowedActions.sort()).toEqual(['restart', 'stop']);
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: ADMIN, action: 'service-restart', object: before.id, outcome: 'success' }));
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: ADMIN, action: 'service-restart', object: before.id, outcome: 'failed' }));
  });

  it('starts a stopped service and stops a running one; each refuses the wrong state with 409', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const stopped = (await services(cookie)).find((s) => s.state === 'Stopped')!;
    const running = (await services(cookie)).find((s) => s.state === 'Running')!;
    const start = 'POST /admin/services/{id}/actions/start';
    const stop = 'POST /admin/services/{id}/actions/stop';
    const p1 = (await c.expectDocumented(start, await c.call(start, { cookie, path: { id: running.id }, headers: { 'If-Match': `"${running.version}"` } }), 409)) as Problem;
    expect(p1.currentStatus).toBe('Running');
    const p2 = (await c.expectDocumented(stop, await c.call(stop, { cookie, path: { id: stopped.id }, headers: { 'If-Match': `"${stopped.version}"` } }), 409)) as Problem;
    expect(p2.currentStatus).toBe('Stopped');
    expect(await c.expectDocumented(start, await c.call(start, { cookie, path: { id: stopped.id }, headers: { 'If-Match': `"${stopped.version}"` } }), 202)).toMatchObject({ state: 'Starting' });
    expect(await c.expectDocumented(stop, await c.call(stop, { cookie, path: { id: running.id }, headers: { 'If-Match': `"${running.version}"` } }), 202)).toMatchObject({ state: 'Stopping' });
    fastForward();
    expect((await service(cookie, stopped.id)).state).toBe('Running');
    expect((await service(cookie, running.id)).state).toBe('Stopped');
    for (const action of SERVICE_ACTIONS) {
      const key = `POST /admin/services/{id}/actions/${action}`;
      await c.expectDocumented(key, await c.call(key, { cookie, path: { id: 'svc-nope' }, headers: { 'If-Match': '"1"' } }), 404);
    }
    for (const action of ['start', 'stop'] as const) {
      const key = `POST /admin/services/{id}/actions/${action}`;
      await c.expectDocumented(key, await c.call(key, { cookie, path: { id: stopped.id } }), 428);
      await c.expectDocumented(key, await c.call(key, { cookie, path: { id: stopped.id }, headers: { 'If-Match': '"999"' } }), 412);
    }
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: ADMIN, action: 'service-start', object: stopped.id, before: { state: 'Stopped' }, after: { state: 'Starting' } }));
  });
});

/** A little more than one Starting/Stopping step: moves exactly one state on. */
const SETTLE_STEP = 1600;

describe('connectors', () => {
  it('lists one connector of each type, and never sends a secret', async () => {
    for (const username of [ADMIN, 'bootstrap-administrator']) {
      const { cookie } = await c.signIn(username);
      const res = await c.call('GET /admin/connectors', { cookie });
      const list = (await c.expectDocumented('GET /admin/connectors', res, 200)) as Collection<Connector>;
      expect(list.items.map((x) => x.type).sort()).toEqual(['ca', 'directory', 'email', 'hr-import', 'pacs', 'printer']);
      const text = JSON.stringify(list);
      for (const secret of SEEDED_SECRETS) expect(text).not.toContain(secret);
      for (const x of list.items) {
        const one = await connector(cookie, x.id);
        for (const secret of SEEDED_SECRETS) expect(JSON.stringify(one)).not.toContain(secret);
      }
      expect(list.items.find((x) => x.type === 'directory')!.secretsSet).toEqual({ bindPassword: true });
    }
    const { cookie } = await c.signIn(ADMIN);
    await c.expectDocumented('GET /admin/connectors', await c.call('GET /admin/connectors', { cookie, query: { pageSize: 0 } }), 422);
    await c.expectDocumented('GET /admin/connectors/{id}', await c.call('GET /admin/connectors/{id}', { cookie, path: { id: 'conn-nope' } }), 404);
  });

  it('configures a connector with If-Match, keeps an omitted secret, replaces a sent one, and audits before/after without secrets', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const key = 'PUT /admin/connectors/{id}';
    const dir = await connector(cookie, 'conn-directory');
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: dir.id }, body: putBody(dir) }), 428);
    const stale = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: dir.id }, body: putBody(dir), headers: { 'If-Match': `"${dir.version + 1}"` } }), 412)) as Problem;
    expect(stale.currentVersion).toBe(dir.version);

    // No secret sent: kept.
    const kept = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: dir.id }, body: putBody(dir, { schedule: '15 3 * * *' }), headers: { 'If-Match': `"${dir.version}"` } }), 200)) as Connector;
    expect(kept.settings).toMatchObject({ schedule: '15 3 * * *' });
    expect(kept.secretsSet).toEqual({ bindPassword: true });
    expect(store.db.connectors.get(dir.id)!.secrets.bindPassword).toBe('demo-bind-secret');

    // A new secret: replaced, never echoed, audited as "changed".
    const res = await c.call(key, { cookie, path: { id: dir.id }, body: putBody(kept, {}, { secrets: { bindPassword: 'n3w-Secret!' } }), headers: { 'If-Match': `"${kept.version}"` } });
    const replaced = (await c.expectDocumented(key, res, 200)) as Connector;
    expect(JSON.stringify(replaced)).not.toContain('n3w-Secret!');
    expect(store.db.connectors.get(dir.id)!.secrets.bindPassword).toBe('n3w-Secret!');

    const entries = (await log(cookie, { object: dir.id, action: 'connector-configure' })).items;
    expect(entries).toHaveLength(2);
    expect(JSON.stringify(entries)).not.toContain('n3w-Secret!');
    const newest = entries[0]!;
    expect(newest).toMatchObject({ actor: ADMIN, outcome: 'success', after: { bindPassword: 'changed' } });
    expect(entries[1]).toMatchObject({ before: { schedule: '0 2 * * *' }, after: { schedule: '15 3 * * *' } });
    expect(entries[1]!.after).not.toHaveProperty('bindPassword');
  });

  it('answers 422 with a message per field and changes nothing', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const key = 'PUT /admin/connectors/{id}';
    const cases: [string, Record<string, unknown>, string][] = [
      ['conn-pacs', { port: 70000 }, 'settings.port'],
      ['conn-directory', { url: 'http://dc01.example' }, 'settings.url'],
      ['conn-ca', { caCertificate: 'not a certificate' }, 'settings.caCertificate'],
      ['conn-email', { from: 'nobody' }, 'settings.from'],
      ['conn-hr-import', { schedule: 'every day' }, 'settings.schedule'],
      ['conn-printer', { host: 'bad host name' }, 'settings.host'],
    ];
    for (const [id, patch, field] of cases) {
      const x = await connector(cookie, id);
      const problem = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id }, body: putBody(x, patch), headers: { 'If-Match': `"${x.version}"` } }), 422)) as Problem;
      expect(Object.keys(problem.errors ?? {}), id).toEqual([field]);
      expect(await connector(cookie, id), id).toEqual(x);
    }
    const pacs = await connector(cookie, 'conn-pacs');
    const unknownSecret = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: pacs.id }, body: putBody(pacs, {}, { secrets: { token: 'x' } }), headers: { 'If-Match': `"${pacs.version}"` } }), 422)) as Problem;
    expect(unknownSecret.errors).toHaveProperty(['secrets.token']);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: pacs.id }, body: 'not json', headers: { 'If-Match': `"${pacs.version}"` } }), 422);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: 'conn-nope' }, body: putBody(pacs), headers: { 'If-Match': '"1"' } }), 404);
  });

  it('tests a connection with a deterministic result, audited; configuring and testing need connector:configure', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const key = 'POST /admin/connectors/{id}/actions/test';
    const ok = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: 'conn-directory' } }), 200)) as ConnectorTestResult;
    expect(ok.ok).toBe(true);
    const disabled = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: 'conn-hr-import' } }), 200)) as ConnectorTestResult;
    expect(disabled).toMatchObject({ ok: false, message: expect.stringContaining('disabled') });
    const pacs = await connector(cookie, 'conn-pacs');
    await c.expectDocumented('PUT /admin/connectors/{id}', await c.call('PUT /admin/connectors/{id}', { cookie, path: { id: pacs.id }, body: putBody(pacs, { host: 'pacs.nowhere.invalid' }), headers: { 'If-Match': `"${pacs.version}"` } }), 200);
    const unresolved = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: pacs.id } }), 200)) as ConnectorTestResult;
    expect(unresolved).toMatchObject({ ok: false, message: expect.stringContaining('pacs.nowhere.invalid') });
    expect((await connector(cookie, pacs.id)).lastTest).toEqual(unresolved);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: 'conn-nope' } }), 404);
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: ADMIN, action: 'connector-test', object: 'conn-hr-import', outcome: 'failed' }));

    for (const username of ADMIN_WITHOUT_PERMISSIONS) {
      const other = await c.signIn(username);
      const x = await connector(other.cookie, 'conn-pacs');
      const p1 = (await c.expectDocumented('PUT /admin/connectors/{id}', await c.call('PUT /admin/connectors/{id}', { cookie: other.cookie, path: { id: x.id }, body: putBody(x), headers: { 'If-Match': `"${x.version}"` } }), 403)) as Problem;
      expect(p1.missingPermission).toBe('connector:configure');
      const p2 = (await c.expectDocumented(key, await c.call(key, { cookie: other.cookie, path: { id: x.id } }), 403)) as Problem;
      expect(p2.missingPermission).toBe('connector:configure');
    }
  });

  it('answers 404 for a connector of another tenant', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const pacs = store.db.connectors.get('conn-pacs')!;
    store.put('connectors', { ...pacs, id: 'conn-elsewhere', tenantId: 'tenant-elsewhere' });
    const list = (await c.expectDocumented('GET /admin/connectors', await c.call('GET /admin/connectors', { cookie }), 200)) as Collection<Connector>;
    expect(list.items.map((x) => x.id)).not.toContain('conn-elsewhere');
    await c.expectDocumented('GET /admin/connectors/{id}', await c.call('GET /admin/connectors/{id}', { cookie, path: { id: 'conn-elsewhere' } }), 404);
  });
});

describe('system log', () => {
  it('shows sign-ins, refused requests and actions, newest first, filtered and paged', async () => {
    await c.signIn('approver');
    const approver = await c.signIn('approver');
    await c.call('GET /admin/services', { cookie: approver.cookie }).then((r) => r.text());
    const { cookie } = await c.signIn(ADMIN);
    const page = await log(cookie, { pageSize: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.total).toBeGreaterThan(10);
    const times = page.items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    const denied = await log(cookie, { outcome: 'denied', actor: 'approver' });
    expect(denied.items.length).toBeGreaterThan(0);
    expect(denied.items.every((e) => e.outcome === 'denied' && e.actor.includes('approver'))).toBe(true);
    expect(denied.items).toContainEqual(expect.objectContaining({ target: 'GET /api/v1/admin/services', detail: 'missing right Admin' }));

    const all = await log(cookie, { pageSize: 200 });
    const mid = all.items[Math.floor(all.items.length / 2)]!.at;
    const older = await log(cookie, { to: mid, pageSize: 200 });
    expect(older.items.every((e) => e.at <= mid)).toBe(true);
    const newer = await log(cookie, { from: mid, pageSize: 200 });
    expect(newer.items.every((e) => e.at >= mid)).toBe(true);
    expect((await log(cookie, { sort: 'at:asc', pageSize: 1 })).items[0]!.at <= all.items.at(-1)!.at).toBe(true);

    const bad = (await c.expectDocumented('GET /admin/system-log', await c.call('GET /admin/system-log', { cookie, query: { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' } }), 422)) as Problem;
    expect(bad.errors).toHaveProperty('to');
    const badOutcome = (await c.expectDocumented('GET /admin/system-log', await c.call('GET /admin/system-log', { cookie, query: { outcome: 'maybe', from: 'yesterday' } }), 422)) as Problem;
    expect(Object.keys(badOutcome.errors ?? {}).sort()).toEqual(['from', 'outcome']);
  });

  it('needs system-log:read: a Bootstrap administrator and a Registration officer are refused', async () => {
    for (const username of ADMIN_WITHOUT_PERMISSIONS) {
      const { cookie } = await c.signIn(username);
      const problem = (await c.expectDocumented('GET /admin/system-log', await c.call('GET /admin/system-log', { cookie }), 403)) as Problem;
      expect(problem.missingPermission).toBe('system-log:read');
    }
  });

  it('is read-only: no method changes or deletes entries, and another tenant\'s entries are not shown', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const count = store.db.audit.length;
    const first = store.db.audit[0]!;
    for (const method of ['PUT', 'DELETE', 'POST', 'PATCH']) {
      for (const path of ['/admin/system-log', `/admin/system-log/${first.id}`]) {
        const res = await fetch(`${BASE}${path}`, { method, headers: { Cookie: cookie, 'X-Requested-With': 'prime-console', 'Content-Type': 'application/json' }, body: method === 'DELETE' ? undefined : '{}' }).catch(() => null);
        // The catch-all answers 404 for any path no operation serves.
        expect(res?.status, `${method} ${path}`).toBe(404);
      }
    }
    expect(store.db.audit.length).toBe(count);
    expect(store.db.audit[0]).toEqual(first);

    store.audit({ actor: 'someone-else', action: 'sign-in', target: 'x', outcome: 'success', tenantId: 'tenant-elsewhere' });
    expect((await log(cookie, { actor: 'someone-else' })).total).toBe(0);
  });
});

describe('processes', () => {
  it('lists jobs, running batch orders and sync runs with owner, start and progress; kills each kind, audited', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const order = store.db.batchOrders.all()[0]!;
    store.put('batchOrders', { ...order, status: 'Running', finishedAt: null, items: order.items.map((i, k) => (k % 2 ? { ...i, status: 'pending' as const } : i)) });
    const run = (await c.expectDocumented('POST /admin/sync-runs', await c.call('POST /admin/sync-runs', { cookie }), 202)) as SyncRun;

    const list = (await c.expectDocumented('GET /admin/processes', await c.call('GET /admin/processes', { cookie }), 200)) as Collection<Process>;
    const kinds = new Set(list.items.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['batch-order', 'job', 'sync-run']);
    const job = list.items.find((p) => p.name === 'CRL download')!;
    expect(job).toMatchObject({ owner: 'system', progress: 40, allowedActions: ['kill'] });
    await c.expectDocumented('GET /admin/processes', await c.call('GET /admin/processes', { cookie, query: { sort: 'pid' } }), 422);

    const kill = 'POST /admin/processes/{id}/actions/kill';
    await c.expectDocumented(kill, await c.call(kill, { cookie, path: { id: job.id } }), 204);
    await c.expectDocumented(kill, await c.call(kill, { cookie, path: { id: job.id } }), 409);
    await c.expectDocumented(kill, await c.call(kill, { cookie, path: { id: `proc-${order.id}` } }), 204);
    // The order is cancelled as its own cancel action would: the unworked items stay pending.
    const cancelled = store.db.batchOrders.get(order.id)!;
    expect(cancelled.status).toBe('Cancelled');
    expect(cancelled.items.some((i) => i.status === 'pending')).toBe(true);
    await c.expectDocumented(kill, await c.call(kill, { cookie, path: { id: `proc-${run.id}` } }), 204);
    expect(store.db.syncRuns.get(run.id)!.status).toBe('Killed');
    await c.expectDocumented(kill, await c.call(kill, { cookie, path: { id: 'proc-nope' } }), 404);

    const after = (await c.expectDocumented('GET /admin/processes', await c.call('GET /admin/processes', { cookie }), 200)) as Collection<Process>;
    expect(after.items.map((p) => p.id)).not.toEqual(expect.arrayContaining([job.id]));
    expect(after.items.filter((p) => p.kind !== 'job')).toEqual([]);
    const kills = (await log(cookie, { action: 'process-kill' })).items;
    expect(kills.map((e) => e.outcome).sort()).toEqual(['failed', 'success', 'success', 'success']);
  });

  it('needs process:list and process:kill', async () => {
    for (const username of ADMIN_WITHOUT_PERMISSIONS) {
      const { cookie } = await c.signIn(username);
      const p1 = (await c.expectDocumented('GET /admin/processes', await c.call('GET /admin/processes', { cookie }), 403)) as Problem;
      expect(p1.missingPermission).toBe('process:list');
      const kill = 'POST /admin/processes/{id}/actions/kill';
      const p2 = (await c.expectDocumented(kill, await c.call(kill, { cookie, path: { id: 'job-crl' } }), 403)) as Problem;
      expect(p2.missingPermission).toBe('process:kill');
    }
    expect(store.db.jobs.get('job-crl')!.status).toBe('Running');
  });
});

describe('synchronisation runs', () => {
  it('starts a run as Batch sync that imports identities, one at a time, audited', async () => {
    const { cookie } = await c.signIn(ADMIN);
    const past = (await c.expectDocumented('GET /admin/sync-runs', await c.call('GET /admin/sync-runs', { cookie }), 200)) as Collection<SyncRun>;
    expect(past.items.length).toBeGreaterThanOrEqual(3);
    expect(past.items.some((r) => r.errors.length > 0)).toBe(true);
    await c.expectDocumented('GET /admin/sync-runs', await c.call('GET /admin/sync-runs', { cookie, query: { sort: 'errors' } }), 422);

    const persons = store.db.persons.size;
    const run = (await c.expectDocumented('POST /admin/sync-runs', await c.call('POST /admin/sync-runs', { cookie }), 202)) as SyncRun;
    expect(run).toMatchObject({ status: 'Running', startedBy: ADMIN, runAs: 'batch-sync', created: 0 });
    const busy = (await c.expectDocumented('POST /admin/sync-runs', await c.call('POST /admin/sync-runs', { cookie }), 409)) as Problem;
    expect(busy.currentStatus).toBe('Running');

    fastForward();
    const runs = (await c.expectDocumented('GET /admin/sync-runs', await c.call('GET /admin/sync-runs', { cookie }), 200)) as Collection<SyncRun>;
    const done = runs.items[0]!;
    expect(done).toMatchObject({ id: run.id, status: 'Finished', progress: 100, created: 3, updated: 2, deactivated: 1 });
    expect(done.errors).toHaveLength(1);
    const created = store.db.persons.all().slice(persons);
    expect(created.map((p) => p.status)).toEqual(['Registered', 'Registered', 'Registered']);
    for (const p of created) expect(store.db.tasks.find((t) => t.subjectId === p.id)).toMatchObject({ type: 'registration-review', status: 'Open' });
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: ADMIN, action: 'sync-start', object: run.id }));
    expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: 'batch-sync', action: 'sync-finished', object: run.id }));
    // Finished: a new run may start.
    await c.expectDocumented('POST /admin/sync-runs', await c.call('POST /admin/sync-runs', { cookie }), 202);
  });

  it('lets Admin holders see runs but only a holder of service:start start one', async () => {
    for (const username of ADMIN_WITHOUT_PERMISSIONS) {
      const { cookie } = await c.signIn(username);
      await c.expectDocumented('GET /admin/sync-runs', await c.call('GET /admin/sync-runs', { cookie }), 200);
      const problem = (await c.expectDocumented('POST /admin/sync-runs', await c.call('POST /admin/sync-runs', { cookie }), 403)) as Problem;
      expect(problem.missingPermission).toBe('service:start');
    }
    expect(store.db.syncRuns.find((r) => r.status === 'Running')).toBeUndefined();
  });
});

c.describeAccess(['/admin/', '!/admin/tenants'], (key) => (key.includes('/connectors/') ? { id: 'conn-pacs' } : key.includes('/processes/') ? { id: 'job-crl' } : { id: 'svc-processengine' }));
c.describeStatusCoverage(['/admin/', '!/admin/tenants']);
