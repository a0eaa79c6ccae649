/**
 * Admin rules: service state transitions (settled lazily on read, so tests are deterministic),
 * connector settings per type with write-only secrets, the process list and synchronisation runs
 * that really import identities as the Batch sync account.
 */
import { can, type Permission, type Principal } from '../../src/access/model';
import type {
  AuditValues,
  Connector,
  ConnectorType,
  ConnectorSettings,
  ConnectorTestResult,
  Person,
  Process,
  Service,
  ServiceAction,
  ServiceState,
  SettingValues,
  SyncRun,
} from '../../src/api/types';
import { FIRST_NAMES, LAST_NAMES, ORG_UNITS, EMPLOYER } from '../db/names';
import { DEFAULT_TENANT_ID, type Account } from '../db/schema';
import type { ConnectorRecord, ServiceRecord, SyncRunRecord } from '../db/schema';
import type { Store } from '../db/store';
import { summarise } from './batch';

/** How long a service stays in Starting or Stopping, and a sync run takes, in the demo. */
export const SETTLE_MS = 1500;
export const SYNC_MS = 3000;
export const BATCH_SYNC = 'batch-sync';

const inTenant = (r: { tenantId?: string }, tenantId: string) => (r.tenantId ?? DEFAULT_TENANT_ID) === tenantId;
const withTenant = (tenantId: string) => (tenantId === DEFAULT_TENANT_ID ? {} : { tenantId });
const iso = (ms: number) => new Date(ms).toISOString();

// ---- Services -------------------------------------------------------------------------------

export const SERVICE_ACTIONS: Record<ServiceAction, { from: ServiceState; plan: ServiceState[]; permission: Permission }> = {
  start: { from: 'Stopped', plan: ['Starting', 'Running'], permission: 'service:start' },
  stop: { from: 'Running', plan: ['Stopping', 'Stopped'], permission: 'service:stop' },
  restart: { from: 'Running', plan: ['Stopping', 'Starting', 'Running'], permission: 'service:restart' },
};

/** Moves a service through the states whose time has come. */
export function settleService(s: ServiceRecord, now: number): ServiceRecord {
  if (!s.settlesAt || Date.parse(s.settlesAt) > now) return s;
  let next = s;
  while (next.settlesAt && Date.parse(next.settlesAt) <= now && next.plan.length) {
    const [state, ...plan] = next.plan;
    const at = Date.parse(next.settlesAt);
    next = { ...next, state: state!, since: iso(at), plan, settlesAt: plan.length ? iso(at + SETTLE_MS) : null, version: next.version + 1 };
  }
  return next;
}

export function settleServices(store: Store, now = Date.now()): void {
  for (const s of store.db.services.all()) {
    const next = settleService(s, now);
    if (next !== s) store.put('services', next);
  }
}

export function serviceView(s: ServiceRecord, principal: Principal, now = Date.now()): Service {
  const { plan: _p, settlesAt: _s, ...rest } = s;
  const allowedActions = (Object.keys(SERVICE_ACTIONS) as ServiceAction[]).filter(
    (a) => SERVICE_ACTIONS[a].from === s.state && can(principal, SERVICE_ACTIONS[a].permission),
  );
  return {
    ...rest,
    uptimeSeconds: s.state === 'Running' ? Math.max(0, Math.floor((now - Date.parse(s.since)) / 1000)) : null,
    allowedActions,
  };
}

export function startTransition(s: ServiceRecord, action: ServiceAction, by: string, now = Date.now()): ServiceRecord {
  const [state, ...plan] = SERVICE_ACTIONS[action].plan;
  return { ...s, state: state!, since: iso(now), plan, settlesAt: iso(now + SETTLE_MS), changedBy: by, version: s.version + 1 };
}

// ---- Connectors -----------------------------------------------------------------------------

type FieldKind = 'text' | 'ldapUrl' | 'httpsUrl' | 'host' | 'port' | 'boolean' | 'email' | 'pem' | 'schedule' | 'dn' | 'source' | 'delimiter';

/** The settings and the write-only secrets of each type of connector. */
export const CONNECTOR_FIELDS: Record<ConnectorType, { settings: Record<string, FieldKind>; secrets: string[] }> = {
  directory: { settings: { url: 'ldapUrl', baseDn: 'dn', bindDn: 'dn', schedule: 'schedule' }, secrets: ['bindPassword'] },
  ca: { settings: { url: 'httpsUrl', caCertificate: 'pem' }, secrets: ['clientKeyPassword'] },
  pacs: { settings: { host: 'host', port: 'port' }, secrets: [] },
  printer: { settings: { host: 'host', port: 'port', queue: 'text' }, secrets: [] },
  email: { settings: { host: 'host', port: 'port', tls: 'boolean', from: 'email' }, secrets: ['password'] },
  'hr-import': { settings: { source: 'source', delimiter: 'delimiter', schedule: 'schedule' }, secrets: [] },
};

const HOST = /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,62}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62}[a-zA-Z0-9])?)*$/;
const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;

function urlHost(value: string, protocols: string[]): string | null {
  try {
    const u = new URL(value);
    return protocols.includes(u.protocol) && u.hostname ? u.hostname : null;
  } catch {
    return null;
  }
}

function checkField(kind: FieldKind, v: unknown): string | null {
  if (kind === 'boolean') return typeof v === 'boolean' ? null : 'Must be true or false.';
  if (kind === 'port') return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535 ? null : 'Enter a port from 1 to 65535.';
  if (typeof v !== 'string' || !v.trim()) return 'Required.';
  const s = v.trim();
  switch (kind) {
    case 'text':
      return s.length <= 200 ? null : 'At most 200 characters.';
    case 'ldapUrl':
      return urlHost(s, ['ldap:', 'ldaps:']) ? null : 'Enter an ldap:// or ldaps:// URL with a host.';
    case 'httpsUrl':
      return urlHost(s, ['https:']) ? null : 'Enter an https:// URL with a host.';
    case 'host':
      return HOST.test(s) ? null : 'Enter a host name such as pacs.example.org.';
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? null : 'Enter an e-mail address such as prime@example.org.';
    case 'pem':
      return /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/.test(s) ? null : 'Paste a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).';
    case 'schedule': {
      const parts = s.split(/\s+/);
      return parts.length === 5 && parts.every((p) => CRON_FIELD.test(p)) ? null : 'Enter a schedule of five cron fields, e.g. 0 2 * * *.';
    }
    case 'dn':
      return /^[a-zA-Z]+=[^,]+(,[a-zA-Z]+=[^,]+)*$/.test(s) ? null : 'Enter a distinguished name such as OU=People,DC=example,DC=org.';
    case 'source':
      return s.startsWith('/') || urlHost(s, ['https:']) ? null : 'Enter an absolute file path (/…) or an https:// URL.';
    case 'delimiter':
      return [',', ';', '\t', '|'].includes(v as string) ? null : 'Choose a comma, semicolon, tab or vertical bar.';
  }
}

/** Checks a PUT body against the connector's type; the new record, or one message per field. */
export function applyConnectorInput(
  c: ConnectorRecord,
  body: unknown,
): { next: Pick<ConnectorRecord, 'enabled' | 'settings' | 'secrets'>; changedSecrets: string[] } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { errors: { body: 'Send a JSON object with enabled and settings.' } };
  const b = body as Record<string, unknown>;
  const spec = CONNECTOR_FIELDS[c.type];
  if (typeof b.enabled !== 'boolean') errors.enabled = 'Must be true or false.';
  const settings: SettingValues = {};
  if (!b.settings || typeof b.settings !== 'object' || Array.isArray(b.settings)) errors.settings = 'Send the settings as an object.';
  else {
    const raw = b.settings as Record<string, unknown>;
    for (const [name, kind] of Object.entries(spec.settings)) {
      const msg = checkField(kind, raw[name]);
      if (msg) errors[`settings.${name}`] = msg;
      else settings[name] = typeof raw[name] === 'string' && kind !== 'delimiter' ? (raw[name] as string).trim() : (raw[name] as string | number | boolean);
    }
    for (const name of Object.keys(raw)) if (!(name in spec.settings)) errors[`settings.${name}`] = `A ${c.type} connector has no setting “${name}”.`;
  }
  const secrets = { ...c.secrets };
  const changedSecrets: string[] = [];
  if (b.secrets !== undefined) {
    if (!b.secrets || typeof b.secrets !== 'object' || Array.isArray(b.secrets)) errors.secrets = 'Send the secrets as an object.';
    else {
      for (const [name, value] of Object.entries(b.secrets as Record<string, unknown>)) {
        if (!spec.secrets.includes(name)) errors[`secrets.${name}`] = `A ${c.type} connector has no secret “${name}”.`;
        else if (typeof value !== 'string' || value.length < 1 || value.length > 200) errors[`secrets.${name}`] = 'Enter 1 to 200 characters, or leave it out to keep the secret.';
        else {
          secrets[name] = value;
          changedSecrets.push(name);
        }
      }
    }
  }
  if (Object.keys(errors).length) return { errors };
  // Checked field by field against the type's list above: they are that type's settings.
  return { next: { enabled: b.enabled as boolean, settings: settings as ConnectorSettings, secrets }, changedSecrets };
}

export function connectorView(c: ConnectorRecord): Connector {
  const { secrets, tenantId: _t, ...rest } = c;
  const secretsSet = Object.fromEntries(CONNECTOR_FIELDS[c.type].secrets.map((n) => [n, !!secrets[n]]));
  return { ...rest, secretsSet };
}

/** The non-secret values for the audit; secrets appear as "changed" only. */
export function auditValues(c: Pick<ConnectorRecord, 'enabled' | 'settings'>, changedSecrets: string[] = []): AuditValues {
  const values: AuditValues = { enabled: c.enabled, ...c.settings };
  for (const s of changedSecrets) values[s] = 'changed';
  return values;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A deterministic connection test: fails when disabled or when the host is under `.invalid`. */
export function testConnector(c: ConnectorRecord, now = Date.now()): ConnectorTestResult {
  const s: SettingValues = c.settings;
  const raw = String(s.host ?? s.url ?? s.source ?? '');
  const host = s.host ? String(s.host) : (urlHost(raw, ['ldap:', 'ldaps:', 'https:']) ?? raw);
  const latencyMs = 12 + (hash(`${c.id}${host}`) % 90);
  const checkedAt = iso(now);
  if (!c.enabled) return { ok: false, message: 'The connector is disabled; enable it to test the connection.', checkedAt, latencyMs: 0 };
  if (/\.invalid\.?$/i.test(host)) return { ok: false, message: `Could not resolve the host ${host}.`, checkedAt, latencyMs };
  const missing = CONNECTOR_FIELDS[c.type].secrets.filter((n) => !c.secrets[n]);
  if (missing.length) return { ok: false, message: `No ${missing.join(', ')} is set; the server refused the connection.`, checkedAt, latencyMs };
  const port = s.port ? `:${String(s.port)}` : '';
  return { ok: true, message: `Connected to ${host}${port} in ${latencyMs} ms.`, checkedAt, latencyMs };
}

// ---- Synchronisation runs -------------------------------------------------------------------

export function syncView(r: SyncRunRecord, now = Date.now()): SyncRun {
  const { version: _v, settlesAt, tenantId: _t, ...rest } = r;
  if (r.status !== 'Running' || !settlesAt) return rest;
  const started = Date.parse(r.startedAt);
  const progress = Math.min(99, Math.max(0, Math.floor(((now - started) / (Date.parse(settlesAt) - started)) * 100)));
  return { ...rest, progress };
}

const pad = (n: number, w = 6) => String(n).padStart(w, '0');

/** The import itself, as Batch sync: a few new registered persons, some updated, some deactivated, one error. */
function importIdentities(store: Store, run: SyncRunRecord, now: number): Pick<SyncRun, 'created' | 'updated' | 'deactivated' | 'errors'> {
  const db = store.db;
  const tenantId = run.tenantId ?? DEFAULT_TENANT_ID;
  const syncAccount = db.accounts.find((a) => a.username === BATCH_SYNC);
  const syncPerson = syncAccount ? db.persons.get(syncAccount.personId) : undefined;
  const actor = { username: BATCH_SYNC, displayName: syncPerson?.displayName ?? 'Batch sync' };
  const at = iso(now);
  const n = Number(run.id.replace(/\D/g, '')) || 1;
  const history = (objectId: string, action: string, before: string, after: string, detail: string) =>
    store.put('history', { id: `h-${pad(db.history.size + 1, 8)}`, objectId, at, actor, action, outcome: 'success', before, after, detail });

  // Persons whose accounts are personas are never touched by the import.
  const personaPersons = new Set(db.accounts.all().map((a) => a.personId));
  const candidates: Person[] = [];
  for (const p of db.persons.all()) {
    if (candidates.length >= 400) break;
    if (p.status === 'Active' && p.type === 'employee' && !personaPersons.has(p.id) && inTenant(p as { tenantId?: string }, tenantId)) candidates.push(p);
  }
  const pick = (k: number) => candidates.length ? candidates[(n * 37 + k * 101) % candidates.length] : undefined;

  let created = 0;
  for (let k = 0; k < 3; k++) {
    const firstName = FIRST_NAMES[(n * 7 + k * 13) % FIRST_NAMES.length]!;
    const lastName = LAST_NAMES[(n * 11 + k * 17) % LAST_NAMES.length]!;
    const id = `p-${pad(db.persons.size + 1)}`;
    const mail = `${firstName}.${lastName}`.normalize('NFD').replace(/[^a-zA-Z.]/g, '').toLowerCase();
    const person = {
      id,
      personalId: `E${pad(90000 + db.persons.size + 1, 6)}`,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      email: `${mail}.${db.persons.size + 1}@nordvik.example`,
      orgUnit: ORG_UNITS[(n + k) % ORG_UNITS.length]!,
      organization: EMPLOYER,
      type: 'employee',
      status: 'Registered',
      createdAt: at,
      version: 1,
      ...withTenant(tenantId),
    } as Person;
    store.put('persons', person);
    store.put('tasks', {
      id: `t-${pad(db.tasks.size + 1)}`,
      type: 'registration-review',
      status: 'Open',
      createdAt: at,
      requestedById: syncPerson?.id ?? id,
      subjectId: id,
      cardId: null,
      requestId: null,
      approvalsRequired: 1,
      decisions: [],
      version: 1,
      ...withTenant(tenantId),
    });
    history(id, 'register', '', 'Registered', `Imported by synchronisation run ${run.id}`);
    created += 1;
  }
  let updated = 0;
  for (let k = 0; k < 2; k++) {
    const p = pick(k);
    if (!p) continue;
    const current = db.persons.get(p.id)!;
    const orgUnit = ORG_UNITS[(ORG_UNITS.indexOf(current.orgUnit) + 1) % ORG_UNITS.length]!;
    store.put('persons', { ...current, orgUnit, version: current.version + 1 });
    history(p.id, 'edit', current.orgUnit, orgUnit, `Organisational unit from the directory (run ${run.id})`);
    updated += 1;
  }
  let deactivated = 0;
  const leaver = pick(2);
  if (leaver) {
    const current = db.persons.get(leaver.id)!;
    if (current.status === 'Active') {
      store.put('persons', { ...current, status: 'Inactive', version: current.version + 1 });
      history(leaver.id, 'deactivate', 'Active', 'Inactive', `No longer in the directory (run ${run.id})`);
      deactivated += 1;
    }
  }
  const errors = [{ identity: `CN=${LAST_NAMES[n % LAST_NAMES.length]} ${FIRST_NAMES[n % FIRST_NAMES.length]},OU=People`, message: 'No employee number; the identity was skipped.' }];
  return { created, updated, deactivated, errors };
}

/** Finishes the runs whose time has come: the import happens then, once. */
export function settleSyncRuns(store: Store, now = Date.now()): void {
  for (const r of store.db.syncRuns.all()) {
    if (r.status !== 'Running' || !r.settlesAt || Date.parse(r.settlesAt) > now) continue;
    const result = importIdentities(store, r, now);
    store.put('syncRuns', { ...r, ...result, status: 'Finished', progress: 100, finishedAt: r.settlesAt, settlesAt: null, version: r.version + 1 });
    store.audit({
      actor: BATCH_SYNC,
      action: 'sync-finished',
      target: r.source,
      object: r.id,
      outcome: result.errors.length ? 'failed' : 'success',
      detail: `${result.created} created, ${result.updated} updated, ${result.deactivated} deactivated, ${result.errors.length} errors`,
      ...withTenant(r.tenantId ?? DEFAULT_TENANT_ID),
    });
  }
}

export function newSyncRun(store: Store, account: Account, tenantId: string, now = Date.now()): SyncRunRecord {
  const directory = store.db.connectors.find((c) => c.type === 'directory' && inTenant(c, tenantId));
  return {
    id: `sync-${pad(store.db.syncRuns.size + 1, 4)}`,
    status: 'Running',
    source: directory?.name ?? 'Directory',
    startedAt: iso(now),
    finishedAt: null,
    startedBy: account.username,
    runAs: BATCH_SYNC,
    progress: 0,
    created: 0,
    updated: 0,
    deactivated: 0,
    errors: [],
    version: 1,
    settlesAt: iso(now + SYNC_MS),
    ...withTenant(tenantId),
  };
}

// ---- Processes ------------------------------------------------------------------------------

/** The running processes of a tenant: jobs, running batch orders and running synchronisation runs. */
export function listProcesses(store: Store, tenantId: string, principal: Principal, now = Date.now()): Process[] {
  const kill: Process['allowedActions'] = can(principal, 'process:kill') ? ['kill'] : [];
  const list: Process[] = [];
  for (const j of store.db.jobs.all()) {
    if (j.status === 'Running' && inTenant(j, tenantId)) list.push({ id: j.id, name: j.name, kind: 'job', owner: j.owner, startedAt: j.startedAt, progress: j.progress, allowedActions: kill });
  }
  for (const o of store.db.batchOrders.all()) {
    if (o.status !== 'Running' || !inTenant(o, tenantId)) continue;
    list.push({
      id: `proc-${o.id}`,
      name: `Batch order ${o.id} (${o.type})`,
      kind: 'batch-order',
      owner: o.createdBy.displayName,
      startedAt: o.startedAt ?? o.createdAt,
      progress: o.itemCount ? Math.floor((o.processedCount / o.itemCount) * 100) : 0,
      allowedActions: kill,
    });
  }
  for (const r of store.db.syncRuns.all()) {
    if (r.status !== 'Running' || !inTenant(r, tenantId)) continue;
    list.push({ id: `proc-${r.id}`, name: `Synchronisation ${r.id} from ${r.source}`, kind: 'sync-run', owner: `${r.startedBy} (as ${r.runAs})`, startedAt: r.startedAt, progress: syncView(r, now).progress, allowedActions: kill });
  }
  return list.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** What a process id refers to in the tenant, running or not; null when there is no such process. */
export function findProcess(store: Store, id: string, tenantId: string):
  | { kind: 'job'; running: boolean; name: string; apply: (now: number) => void }
  | { kind: 'batch-order' | 'sync-run'; running: boolean; name: string; apply: (now: number) => void }
  | null {
  const db = store.db;
  const job = db.jobs.get(id);
  if (job && inTenant(job, tenantId)) {
    return { kind: 'job', running: job.status === 'Running', name: job.name, apply: () => store.put('jobs', { ...job, status: 'Killed', version: job.version + 1 }) };
  }
  const m = /^proc-(.+)$/.exec(id);
  if (!m) return null;
  const order = db.batchOrders.get(m[1]!);
  if (order && inTenant(order, tenantId)) {
    return {
      kind: 'batch-order',
      running: order.status === 'Running',
      name: `Batch order ${order.id}`,
      // The same change as the order's own cancel action: the items not worked stay pending.
      apply: (now) => store.put('batchOrders', summarise({ ...order, status: 'Cancelled', finishedAt: iso(now), version: order.version + 1 })),
    };
  }
  const run = db.syncRuns.get(m[1]!);
  if (run && inTenant(run, tenantId)) {
    return {
      kind: 'sync-run',
      running: run.status === 'Running',
      name: `Synchronisation ${run.id}`,
      apply: (now) => store.put('syncRuns', { ...run, status: 'Killed', finishedAt: iso(now), settlesAt: null, progress: syncView(run, now).progress, version: run.version + 1 }),
    };
  }
  return null;
}
