import { HttpResponse } from 'msw';
import { can, type Permission, type Principal } from '../../src/access/model';
import type {
  Credential,
  CredentialStatus,
  DigitalIdAccount,
  DigitalIdApproval,
  DigitalIdApprovalBlock,
  DigitalIdOverview,
  DigitalIdPerson,
  FieldErrorCode,
  MobileIdUserAction,
  MobileIdUserRow,
  Person,
  PersonRef,
  Server,
  ServerCertificate,
  ServerCertificateAction,
  ServerCertificateCreated,
  ServerCertificateStatus,
  SoftwareTokenUserAction,
  SoftwareTokenUserRow,
} from '../../src/api/types';
import type { Account } from '../db/schema';
import type { Store } from '../db/store';
import { csrMismatch, parseCsr } from '../domain/csr';
import {
  checkServerInput,
  DIGITAL_ID_REJECT_REASONS,
  generateP12Password,
  MOBILE_ID_LOCK_REASONS,
  MOBILE_ID_USER_ROLE,
  SERVER_CERTIFICATE_ACTIONS,
  SERVER_CERTIFICATE_DAYS,
  SOFTWARE_TOKEN_USER_ROLE,
  type ServerCertificateRecord,
  type ServerRecord,
} from '../domain/digitalId';
import { REVOKE_REASONS } from '../domain/lifecycle';
import { endpoint, ifMatchState, inTenant, paginate, preconditionRequired, problem, readJsonObject, readPageQuery, type Ctx } from './http';

const DAY = 86_400_000;
const SERVER_PERMISSIONS: Permission[] = ['server:register', 'server-certificate:request', 'server:approve', 'server-certificate:approve', 'server-certificate:manage'];
const CERT_STATUSES: ServerCertificateStatus[] = ['Pending approval', 'Rejected', 'Valid', 'Revoked', 'Expired'];
const BLOCK_TEXT: Record<DigitalIdApprovalBlock, string> = {
  'own-request': 'You made this request; another approver must decide it.',
  responsible: 'You are responsible for this server; another approver must decide it.',
};


/** Digital ID officers: mobile ID and software token administration, servers and server certificates. */
export function digitalIdHandlers(store: Store) {
  const db = () => store.db;
  const now = () => new Date().toISOString();
  const ref = (personId: string): PersonRef => ({ id: personId, displayName: db().persons.get(personId)?.displayName ?? 'Unknown person' });
  const personView = (p: Person): DigitalIdPerson => ({
    id: p.id, displayName: p.displayName, personalId: p.personalId, email: p.email, orgUnit: p.orgUnit, type: p.type, status: p.status,
  });
  const accountOf = (personId: string) => db().accounts.find((a) => a.personId === personId);
  const accountView = (a: Account | undefined): DigitalIdAccount | null => (a ? { id: a.id, username: a.username } : null);
  const audit = (ctx: Ctx, action: string, target: string, outcome: 'success' | 'denied' | 'failed', detail?: string) =>
    store.audit({ actor: ctx.account.username, action: `digital-id.${action}`, target, outcome, ...(detail ? { detail } : {}), tenantId: ctx.tenantId, object: target.replace(/^(person|server) /, '') });
  /** Refuses a missing permission: 403 naming it, audited. */
  const denied = (ctx: Ctx, action: string, target: string, permission: Permission) => {
    audit(ctx, action, target, 'denied', `missing permission ${permission}`);
    return problem(403, 'Access denied', `This needs the permission ${permission}.`, { missingPermission: permission });
  };
  const anyOf = (principal: Principal, perms: Permission[]) => perms.some((p) => can(principal, p));

  /** Persons of the tenant matching `q` (name, personal id, e-mail). */
  const searchPersons = (tenantId: string, q: string, pred: (p: Person) => boolean = () => true) =>
    db().persons.filter((p) => inTenant(p, tenantId) && pred(p) && (!q || p.displayName.toLowerCase().includes(q) || p.personalId.toLowerCase().includes(q) || p.email.includes(q)));

  /** The credentials of a kind held by the persons of a page, one pass over the table. */
  const credentialsOf = (persons: readonly Person[], kind: Credential['kind']) => {
    const ids = new Set(persons.map((p) => p.id));
    const out = new Map<string, Credential[]>();
    for (const c of db().credentials.all()) {
      if (c.kind !== kind || !ids.has(c.personId)) continue;
      const list = out.get(c.personId) ?? [];
      list.push(c);
      out.set(c.personId, list);
    }
    return out;
  };

  const mobileRow = (p: Person, mobileIds: Credential[], principal: Principal): MobileIdUserRow => {
    const account = accountOf(p.id);
    const holds = !!account?.roles.includes(MOBILE_ID_USER_ROLE);
    const actions: MobileIdUserAction[] = [];
    if (can(principal, 'mobile-id:enable-user')) {
      if (!holds && p.status === 'Active') actions.push('enable');
      if (holds) actions.push('disable');
    }
    if (can(principal, 'mobile-id:lock') && mobileIds.some((c) => c.status === 'Active')) actions.push('lock');
    return { person: personView(p), account: accountView(account), mobileIdUser: holds, mobileIds, allowedActions: actions, lockReasons: actions.includes('lock') ? [...MOBILE_ID_LOCK_REASONS] : [] };
  };
  const tokenRow = (p: Person, tokens: Credential[], principal: Principal): SoftwareTokenUserRow => {
    const account = accountOf(p.id);
    const holds = !!account?.roles.includes(SOFTWARE_TOKEN_USER_ROLE);
    const eligible = p.status === 'Active' && p.type === 'employee';
    const actions: SoftwareTokenUserAction[] = [];
    if (can(principal, 'software-token:enable-user') && eligible && !holds) actions.push('enable');
    if (can(principal, 'software-token:start-request') && eligible && holds && !tokens.some((t) => t.status === 'Registered')) actions.push('start-request');
    return { person: personView(p), account: accountView(account), softwareTokenUser: holds, softwareTokens: tokens, allowedActions: actions };
  };

  /** Grants a role on the person's account, creating the account (no password: SSO or a reset sets one) when there is none. */
  const grantRole = (p: Person, role: string) => {
    const account = accountOf(p.id);
    if (account) {
      store.put('accounts', { ...account, roles: [...new Set([...account.roles, role])], version: (account.version ?? 1) + 1 });
      return;
    }
    const base = p.email.split('@')[0]!.toLowerCase();
    let username = base;
    for (let i = 2; db().accounts.find((a) => a.username === username); i++) username = `${base}${i}`;
    store.put('accounts', {
      id: `u-${String(db().accounts.size + 1).padStart(4, '0')}`,
      username,
      password: '',
      personId: p.id,
      roles: [role],
      status: 'Active',
      version: 1,
      ...(p.tenantId ? { tenantIds: [p.tenantId] } : {}),
    });
  };
  const history = (ctx: Ctx, objectId: string, action: string, before: string, after: string, reason?: string) =>
    store.put('history', {
      id: `h-${String(db().history.size + 1).padStart(8, '0')}`,
      objectId,
      at: now(),
      actor: { username: ctx.account.username, displayName: db().persons.get(ctx.account.personId)?.displayName ?? ctx.account.username },
      action,
      outcome: 'success',
      before,
      after,
      ...(reason ? { reason } : {}),
    });

  // ---- Servers and certificates as the caller sees them -------------------------------------

  const serverView = (s: ServerRecord, principal: Principal): Server => ({
    id: s.id,
    commonName: s.commonName,
    sanDns: s.sanDns,
    sanIps: s.sanIps,
    location: s.location,
    responsibles: s.responsibleIds.map(ref),
    status: s.status,
    requestedBy: ref(s.requestedById),
    createdAt: s.createdAt,
    decidedBy: s.decidedById ? ref(s.decidedById) : null,
    decidedAt: s.decidedAt,
    rejectReason: s.rejectReason,
    version: s.version,
    allowedActions: s.status === 'Approved' && can(principal, 'server-certificate:request') ? ['request-certificate'] : [],
  });
  const pendingRenewal = (c: ServerCertificateRecord) => db().serverCertificates.find((r) => r.renewalOf === c.id && r.status === 'Pending approval');
  /** Why an action is not possible on the certificate now, or null. */
  const certBlock = (c: ServerCertificateRecord, action: ServerCertificateAction): string | null => {
    if (!(SERVER_CERTIFICATE_ACTIONS[action].from as readonly string[]).includes(c.status)) return `The certificate is ${c.status}; ${action} is not possible in that state.`;
    if (action === 'confirm-installation' && c.installedAt) return 'The installation of this certificate is already confirmed.';
    if (action === 'renew' && pendingRenewal(c)) return 'A renewal of this certificate is already waiting for approval.';
    return null;
  };
  const certView = (c: ServerCertificateRecord, principal: Principal): ServerCertificate => {
    const server = db().servers.get(c.serverId);
    const actions = can(principal, 'server-certificate:manage')
      ? (Object.keys(SERVER_CERTIFICATE_ACTIONS) as ServerCertificateAction[]).filter((a) => certBlock(c, a) === null)
      : [];
    return {
      id: c.id,
      server: { id: c.serverId, commonName: server?.commonName ?? c.commonName },
      format: c.format,
      status: c.status,
      commonName: c.commonName,
      sanDns: c.sanDns,
      sanIps: c.sanIps,
      keyAlgorithm: c.keyAlgorithm,
      serialNumber: c.serialNumber,
      validFrom: c.validFrom,
      validTo: c.validTo,
      installedAt: c.installedAt,
      requestedBy: ref(c.requestedById),
      createdAt: c.createdAt,
      decidedBy: c.decidedById ? ref(c.decidedById) : null,
      decidedAt: c.decidedAt,
      rejectReason: c.rejectReason,
      revokedAt: c.revokedAt,
      revocationReason: c.revocationReason,
      renewalOf: c.renewalOf,
      version: c.version,
      allowedActions: actions,
      revokeReasons: actions.includes('revoke') ? [...REVOKE_REASONS] : [],
    };
  };
  const newCertificateId = () => `scert-${String(db().serverCertificates.size + 1).padStart(4, '0')}`;

  // ---- Approvals ------------------------------------------------------------------------------

  type Pending = { kind: 'server-registration'; server: ServerRecord; record: ServerRecord } | { kind: 'server-certificate'; server: ServerRecord; record: ServerCertificateRecord };
  const pendingOf = (id: string, tenantId: string): Pending | null => {
    const server = db().servers.get(id);
    if (server && inTenant(server, tenantId)) return { kind: 'server-registration', server, record: server };
    const cert = db().serverCertificates.get(id);
    const certServer = cert ? db().servers.get(cert.serverId) : undefined;
    if (cert && certServer && inTenant(cert, tenantId)) return { kind: 'server-certificate', server: certServer, record: cert };
    return null;
  };
  const approvalPermission = (p: Pending): Permission => (p.kind === 'server-registration' ? 'server:approve' : 'server-certificate:approve');
  const blockOf = (p: Pending, account: Account): DigitalIdApprovalBlock | null => {
    if (p.record.requestedById === account.personId) return 'own-request';
    if (p.server.responsibleIds.includes(account.personId)) return 'responsible';
    return null;
  };
  const approvalView = (p: Pending, ctx: Ctx): DigitalIdApproval => {
    const block = blockOf(p, ctx.account);
    const open = p.record.status === 'Pending approval' && can(ctx.principal, approvalPermission(p)) && !block;
    return {
      id: p.record.id,
      kind: p.kind,
      version: p.record.version,
      createdAt: p.record.createdAt,
      requestedBy: ref(p.record.requestedById),
      server: serverView(p.server, ctx.principal),
      certificate: p.kind === 'server-certificate' ? certView(p.record, ctx.principal) : null,
      allowedActions: open ? ['approve', 'reject'] : [],
      blockedBecause: p.record.status === 'Pending approval' ? block : null,
      rejectReasons: open ? [...DIGITAL_ID_REJECT_REASONS] : [],
    };
  };

  return [
    endpoint(store, 'get', '/digital-id/overview', { right: 'Digital ID' }, ({ tenantId }) => {
      const count = (kind: string): Record<CredentialStatus, number> => {
        const out: Record<CredentialStatus, number> = { Registered: 0, Active: 0, Inactive: 0, Locked: 0 };
        for (const c of store.db.credentials.all()) if (c.kind === kind && inTenant(db().persons.get(c.personId), tenantId)) out[c.status] += 1;
        return out;
      };
      const servers = db().servers.filter((s) => inTenant(s, tenantId));
      const certs = db().serverCertificates.filter((c) => inTenant(c, tenantId));
      const byStatus = Object.fromEntries(CERT_STATUSES.map((s) => [s, certs.filter((c) => c.status === s).length])) as Record<ServerCertificateStatus, number>;
      const overview: DigitalIdOverview = {
        mobileIds: count('mobile-id'),
        virtualSmartCards: count('virtual-smart-card'),
        softwareTokens: count('software-token'),
        servers: servers.filter((s) => s.status === 'Approved').length,
        pendingServerRegistrations: servers.filter((s) => s.status === 'Pending approval').length,
        pendingServerCertificateRequests: byStatus['Pending approval'],
        serverCertificates: byStatus,
        certificatesAwaitingInstallation: certs.filter((c) => c.status === 'Valid' && !c.installedAt).length,
      };
      return HttpResponse.json(overview);
    }),

    // ---- Mobile ID administrator ----

    endpoint(store, 'get', '/digital-id/mobile-id-users', { right: 'Digital ID' }, (ctx) => {
      if (!anyOf(ctx.principal, ['mobile-id:enable-user', 'mobile-id:lock'])) return denied(ctx, 'mobile-id.list', 'mobile-id-users', 'mobile-id:enable-user');
      const pq = readPageQuery(ctx, ['displayName', 'personalId']);
      if (pq instanceof Response) return pq;
      const page = paginate(searchPersons(ctx.tenantId, pq.q), pq);
      const creds = credentialsOf(page.items, 'mobile-id');
      return HttpResponse.json({ ...page, items: page.items.map((p) => mobileRow(p, creds.get(p.id) ?? [], ctx.principal)) });
    }),

    endpoint(store, 'post', '/digital-id/mobile-id-users/:personId/actions/:action', { right: 'Digital ID' }, async (ctx) => {
      const personId = String(ctx.params.personId);
      const action = String(ctx.params.action);
      if (!['enable', 'disable', 'lock'].includes(action)) return problem(404, 'Not found', `There is no action “${action}” for mobile ID users.`);
      const permission: Permission = action === 'lock' ? 'mobile-id:lock' : 'mobile-id:enable-user';
      const target = `person ${personId}`;
      if (!can(ctx.principal, permission)) return denied(ctx, `mobile-id.${action}`, target, permission);
      const person = db().persons.get(personId);
      if (!person || !inTenant(person, ctx.tenantId)) return problem(404, 'Not found', 'There is no such person.');
      const fail = (status: number, title: string, detail: string, extra = {}) => {
        audit(ctx, `mobile-id.${action}`, target, 'failed', detail);
        return problem(status, title, detail, extra);
      };
      const account = accountOf(personId);
      const holds = !!account?.roles.includes(MOBILE_ID_USER_ROLE);
      if (action === 'enable') {
        if (person.status !== 'Active') return fail(409, 'Not possible in this state', `${person.displayName} is ${person.status}; only active persons can be enabled for mobile ID.`, { currentStatus: person.status });
        if (holds) return fail(409, 'Not possible now', `${person.displayName} is already enabled for mobile ID.`);
        grantRole(person, MOBILE_ID_USER_ROLE);
      } else if (action === 'disable') {
        if (!account || !holds) return fail(409, 'Not possible now', `${person.displayName} is not enabled for mobile ID.`);
        store.put('accounts', { ...account, roles: account.roles.filter((r) => r !== MOBILE_ID_USER_ROLE), version: (account.version ?? 1) + 1 });
      } else {
        const read = await readJsonObject(ctx.request);
        if (read instanceof Response) return read;
        const reason = read.reason;
        if (typeof reason !== 'string' || !(MOBILE_ID_LOCK_REASONS as readonly string[]).includes(reason)) {
          return problem(422, 'Reason required', 'Choose a reason from the list.', { errors: { reason: `Choose one of: ${MOBILE_ID_LOCK_REASONS.join(', ')}.` }, errorCodes: { reason: 'required' } });
        }
        const active = db().credentials.filter((c) => c.personId === personId && c.kind === 'mobile-id' && c.status === 'Active');
        if (!active.length) {
          // The state that refuses the lock: of the newest mobile ID past creation (Registered is a creation in progress).
          const mine = db().credentials.filter((c) => c.personId === personId && c.kind === 'mobile-id');
          const latest = mine.filter((c) => c.status !== 'Registered').pop() ?? mine.pop();
          return fail(409, 'Not possible in this state', `${person.displayName} has no active mobile ID to lock.`, latest ? { currentStatus: latest.status } : {});
        }
        // Locked is final (DOMAIN §3.5); the mobile ID's certificates are revoked with it.
        for (const c of active) {
          store.put('credentials', { ...c, status: 'Locked', version: c.version + 1 });
          history(ctx, c.id, 'lock', 'Active', 'Locked', reason);
        }
        audit(ctx, 'mobile-id.lock', target, 'success', `${active.map((c) => c.id).join(', ')} locked: ${reason}`);
        return HttpResponse.json(mobileRow(person, db().credentials.filter((c) => c.personId === personId && c.kind === 'mobile-id'), ctx.principal));
      }
      audit(ctx, `mobile-id.${action}`, target, 'success', `${action === 'enable' ? 'granted' : 'removed'} ${MOBILE_ID_USER_ROLE}`);
      return HttpResponse.json(mobileRow(person, db().credentials.filter((c) => c.personId === personId && c.kind === 'mobile-id'), ctx.principal));
    }),

    // ---- Software token administrator ----

    endpoint(store, 'get', '/digital-id/software-token-users', { right: 'Digital ID' }, (ctx) => {
      if (!anyOf(ctx.principal, ['software-token:enable-user', 'software-token:start-request'])) return denied(ctx, 'software-token.list', 'software-token-users', 'software-token:enable-user');
      const pq = readPageQuery(ctx, ['displayName', 'personalId']);
      if (pq instanceof Response) return pq;
      const page = paginate(searchPersons(ctx.tenantId, pq.q), pq);
      const creds = credentialsOf(page.items, 'software-token');
      return HttpResponse.json({ ...page, items: page.items.map((p) => tokenRow(p, creds.get(p.id) ?? [], ctx.principal)) });
    }),

    endpoint(store, 'post', '/digital-id/software-token-users/:personId/actions/:action', { right: 'Digital ID' }, (ctx) => {
      const personId = String(ctx.params.personId);
      const action = String(ctx.params.action);
      if (!['enable', 'start-request'].includes(action)) return problem(404, 'Not found', `There is no action “${action}” for software token users.`);
      const permission: Permission = action === 'enable' ? 'software-token:enable-user' : 'software-token:start-request';
      const target = `person ${personId}`;
      if (!can(ctx.principal, permission)) return denied(ctx, `software-token.${action}`, target, permission);
      const person = db().persons.get(personId);
      if (!person || !inTenant(person, ctx.tenantId)) return problem(404, 'Not found', 'There is no such person.');
      const fail = (detail: string, extra = {}) => {
        audit(ctx, `software-token.${action}`, target, 'failed', detail);
        return problem(409, 'currentStatus' in extra ? 'Not possible in this state' : 'Not possible now', detail, extra);
      };
      // DOMAIN §4: the administrator enables an active employee.
      if (person.status !== 'Active') return fail(`${person.displayName} is ${person.status}; software tokens are for active employees only.`, { currentStatus: person.status });
      if (person.type !== 'employee') return fail(`${person.displayName} is a ${person.type}; software tokens are for employees only.`);
      const holds = !!accountOf(personId)?.roles.includes(SOFTWARE_TOKEN_USER_ROLE);
      const tokens = () => db().credentials.filter((c) => c.personId === personId && c.kind === 'software-token');
      if (action === 'enable') {
        if (holds) return fail(`${person.displayName} is already enabled for software token self-service.`);
        grantRole(person, SOFTWARE_TOKEN_USER_ROLE);
        audit(ctx, 'software-token.enable', target, 'success', `granted ${SOFTWARE_TOKEN_USER_ROLE}`);
        return HttpResponse.json(tokenRow(person, tokens(), ctx.principal));
      }
      if (!holds) return fail(`${person.displayName} is not enabled for software token self-service; enable them first.`);
      const waiting = tokens().find((t) => t.status === 'Registered');
      if (waiting) return fail(`${person.displayName} already has a software token request waiting (${waiting.label}).`);
      // A Registered software token is a request waiting for its holder to accept the terms in Self-Service.
      const n = db().credentials.size + 1;
      const id = `cred-${String(n).padStart(6, '0')}`;
      store.put('credentials', { id, personId, kind: 'software-token', label: `Software token ${n}`, status: 'Registered', createdAt: now(), version: 1 });
      audit(ctx, 'software-token.start-request', target, 'success', `software token request ${id}`);
      return HttpResponse.json(tokenRow(person, tokens(), ctx.principal), { status: 201 });
    }),

    // ---- Servers ----

    endpoint(store, 'get', '/digital-id/persons', { permission: 'server:register', right: { right: 'Digital ID' } }, (ctx) => {
      const pq = readPageQuery(ctx, ['displayName']);
      if (pq instanceof Response) return pq;
      const page = paginate(searchPersons(ctx.tenantId, pq.q, (p) => p.status === 'Active'), pq);
      return HttpResponse.json({ ...page, items: page.items.map(personView) });
    }),

    endpoint(store, 'get', '/digital-id/servers', { right: 'Digital ID' }, (ctx) => {
      if (!anyOf(ctx.principal, SERVER_PERMISSIONS)) return denied(ctx, 'server.list', 'servers', 'server:register');
      const pq = readPageQuery(ctx, ['commonName', 'status', 'createdAt']);
      if (pq instanceof Response) return pq;
      const status = ctx.url.searchParams.get('status');
      if (status && !['Pending approval', 'Approved', 'Rejected'].includes(status)) {
        return problem(422, 'Invalid query', 'Some query parameters are not valid.', { errors: { status: 'status must be one of Pending approval, Approved, Rejected.' } });
      }
      const q = pq.q;
      const items = db()
        .servers.filter((s) => inTenant(s, ctx.tenantId) && (!status || s.status === status) && (!q || s.commonName.includes(q) || s.sanDns.some((d) => d.includes(q)) || s.sanIps.some((ip) => ip.includes(q)) || s.location.toLowerCase().includes(q)))
        .reverse();
      const page = paginate(items, pq);
      return HttpResponse.json({ ...page, items: page.items.map((s) => serverView(s, ctx.principal)) });
    }),

    endpoint(store, 'post', '/digital-id/servers', { permission: 'server:register', right: { right: 'Digital ID' } }, async (ctx) => {
      const read = await readJsonObject(ctx.request);
      if (read instanceof Response) return read;
      const { value, errors, errorCodes } = checkServerInput(read, (id) => {
        const p = db().persons.get(id);
        if (!p || !inTenant(p, ctx.tenantId)) return 'There is no person with this id.';
        if (p.status !== 'Active') return `${p.displayName} is ${p.status}; a responsible person must be active.`;
        return null;
      });
      if (!errors.commonName && db().servers.find((s) => inTenant(s, ctx.tenantId) && s.status !== 'Rejected' && s.commonName === value.commonName)) {
        [errors.commonName, errorCodes.commonName] = [`A server ${value.commonName} is already registered.`, 'taken'];
      }
      if (Object.keys(errors).length) {
        audit(ctx, 'server.register', `server ${value.commonName || '(no name)'}`, 'failed', 'invalid input');
        return problem(422, 'Check the server', 'Some fields are not valid; nothing was registered.', { errors, errorCodes });
      }
      const { responsibles, ...names } = value;
      const server: ServerRecord = {
        id: `srv-${String(db().servers.size + 1).padStart(4, '0')}`,
        ...names,
        responsibleIds: responsibles,
        status: 'Pending approval',
        requestedById: ctx.account.personId,
        createdAt: now(),
        decidedById: null,
        decidedAt: null,
        rejectReason: null,
        version: 1,
        tenantId: ctx.tenantId,
      };
      store.put('servers', server);
      audit(ctx, 'server.register', server.id, 'success', `${server.commonName} registered, waiting for approval`);
      return HttpResponse.json(serverView(server, ctx.principal), { status: 201 });
    }),

    // ---- Server certificates ----

    endpoint(store, 'get', '/digital-id/server-certificates', { right: 'Digital ID' }, (ctx) => {
      if (!anyOf(ctx.principal, SERVER_PERMISSIONS)) return denied(ctx, 'server-certificate.list', 'server-certificates', 'server-certificate:manage');
      const pq = readPageQuery(ctx, ['commonName', 'status', 'validTo', 'createdAt']);
      if (pq instanceof Response) return pq;
      const status = ctx.url.searchParams.get('status');
      if (status && !(CERT_STATUSES as string[]).includes(status)) {
        return problem(422, 'Invalid query', 'Some query parameters are not valid.', { errors: { status: `status must be one of ${CERT_STATUSES.join(', ')}.` } });
      }
      const serverId = ctx.url.searchParams.get('serverId');
      const q = pq.q;
      const items = db()
        .serverCertificates.filter((c) => inTenant(c, ctx.tenantId) && (!status || c.status === status) && (!serverId || c.serverId === serverId) && (!q || c.commonName.includes(q) || (c.serialNumber ?? '').includes(q) || c.sanDns.some((d) => d.includes(q))))
        .reverse();
      const page = paginate(items, pq);
      return HttpResponse.json({ ...page, items: page.items.map((c) => certView(c, ctx.principal)) });
    }),

    endpoint(store, 'post', '/digital-id/server-certificates', { permission: 'server-certificate:request', right: { right: 'Digital ID' } }, async (ctx) => {
      const read = await readJsonObject(ctx.request);
      if (read instanceof Response) return read;
      const { serverId, format, csr } = read;
      const errors: Record<string, string> = {};
      const server = typeof serverId === 'string' ? db().servers.get(serverId) : undefined;
      const errorCodes: Record<string, FieldErrorCode> = {};
      if (!server || !inTenant(server, ctx.tenantId)) [errors.serverId, errorCodes.serverId] = ['Choose a registered server.', 'unknown'];
      if (format !== 'pkcs10' && format !== 'pkcs12') errors.format = 'Choose pkcs10 (upload a CSR) or pkcs12 (the key is made for you).';
      if (format === 'pkcs10' && (typeof csr !== 'string' || !csr.trim())) [errors.csr, errorCodes.csr] = ['Paste or upload the certificate signing request (PEM).', 'required'];
      if (format === 'pkcs12' && csr !== undefined) errors.csr = 'A PKCS#12 request takes no CSR; the key pair is generated for you.';
      const target = `server ${typeof serverId === 'string' ? serverId : '?'}`;
      if (Object.keys(errors).length || !server) {
        audit(ctx, 'server-certificate.request', target, 'failed', 'invalid input');
        return problem(422, 'Check the request', 'Some fields are not valid; nothing was requested.', { errors, errorCodes });
      }
      if (server.status !== 'Approved') {
        audit(ctx, 'server-certificate.request', target, 'failed', `server is ${server.status}`);
        return problem(409, 'Not possible in this state', `The server ${server.commonName} is ${server.status}; certificates are requested for approved servers only.`, { currentStatus: server.status });
      }
      let names = { commonName: server.commonName, sanDns: [...server.sanDns], sanIps: [...server.sanIps], keyAlgorithm: 'RSA 3072' };
      if (format === 'pkcs10') {
        const parsed = await parseCsr(String(csr));
        const error = parsed.ok ? csrMismatch(parsed.csr, server) : parsed.error;
        if (error || !parsed.ok) {
          audit(ctx, 'server-certificate.request', target, 'failed', error ?? 'invalid CSR');
          return problem(422, 'The CSR does not fit', error ?? 'The CSR is not valid.', { errors: { csr: error ?? 'The CSR is not valid.' } });
        }
        const c = parsed.csr;
        names = { commonName: c.commonName!.toLowerCase(), sanDns: c.sanDns, sanIps: c.sanIps, keyAlgorithm: c.keyAlgorithm };
      }
      const record: ServerCertificateRecord = {
        id: newCertificateId(), serverId: server.id, format: format === 'pkcs10' ? 'pkcs10' : 'pkcs12', status: 'Pending approval', ...names,
        serialNumber: null, validFrom: null, validTo: null, installedAt: null, requestedById: ctx.account.personId, createdAt: now(),
        decidedById: null, decidedAt: null, rejectReason: null, revokedAt: null, revocationReason: null, renewalOf: null, version: 1, tenantId: ctx.tenantId,
      };
      store.put('serverCertificates', record);
      audit(ctx, 'server-certificate.request', record.id, 'success', `${format} for ${server.commonName}, waiting for approval`);
      // The PKCS#12 password is answered this once and never stored.
      const body: ServerCertificateCreated = { certificate: certView(record, ctx.principal), p12Password: format === 'pkcs12' ? generateP12Password() : null };
      return HttpResponse.json(body, { status: 201 });
    }),

    endpoint(store, 'post', '/digital-id/server-certificates/:id/actions/:action', { permission: 'server-certificate:manage', right: { right: 'Digital ID' } }, async (ctx) => {
      const id = String(ctx.params.id);
      const action = String(ctx.params.action) as ServerCertificateAction;
      const cert = db().serverCertificates.get(id);
      if (!cert || !inTenant(cert, ctx.tenantId)) return problem(404, 'Not found', 'There is no such server certificate.');
      if (!(action in SERVER_CERTIFICATE_ACTIONS)) return problem(404, 'Not found', `A server certificate has no action “${action}”.`);
      const match = ifMatchState(ctx.request, cert.version);
      if (match === 'missing') return preconditionRequired();
      if (match === 'stale') return problem(412, 'Changed meanwhile', 'This certificate was changed by someone else since you loaded it. Reload it and try again.', { currentVersion: cert.version });
      const read = await readJsonObject(ctx.request);
      if (read instanceof Response) return read;
      const block = certBlock(cert, action);
      if (block) {
        audit(ctx, `server-certificate.${action}`, id, 'failed', block);
        return problem(409, (SERVER_CERTIFICATE_ACTIONS[action].from as readonly string[]).includes(cert.status) ? 'Not possible now' : 'Not possible in this state', block, { currentStatus: cert.status });
      }
      if (action === 'revoke') {
        const reason = read.reason;
        if (typeof reason !== 'string' || !(REVOKE_REASONS as readonly string[]).includes(reason)) {
          return problem(422, 'Reason required', 'Choose a reason from the list.', { errors: { reason: `Choose one of: ${REVOKE_REASONS.join(', ')}.` }, errorCodes: { reason: 'required' } });
        }
        const next = { ...cert, status: 'Revoked' as const, revokedAt: now(), revocationReason: reason, version: cert.version + 1 };
        store.put('serverCertificates', next);
        audit(ctx, 'server-certificate.revoke', id, 'success', `revoked: ${reason}`);
        return HttpResponse.json(certView(next, ctx.principal));
      }
      if (action === 'confirm-installation') {
        const lockPrevious = read.lockPrevious;
        if (lockPrevious !== undefined && typeof lockPrevious !== 'boolean') return problem(422, 'Invalid request', 'lockPrevious must be true or false.', { errors: { lockPrevious: 'Must be true or false.' } });
        const next = { ...cert, installedAt: now(), version: cert.version + 1 };
        store.put('serverCertificates', next);
        let detail = 'installation confirmed';
        // The certificate this one replaces is locked, which for a certificate means revoked as superseded.
        const previous = cert.renewalOf ? db().serverCertificates.get(cert.renewalOf) : undefined;
        if (lockPrevious && previous && previous.status === 'Valid') {
          store.put('serverCertificates', { ...previous, status: 'Revoked', revokedAt: now(), revocationReason: 'Superseded', version: previous.version + 1 });
          detail += `; ${previous.id} revoked as superseded`;
        }
        audit(ctx, 'server-certificate.confirm-installation', id, 'success', detail);
        return HttpResponse.json(certView(next, ctx.principal));
      }
      // renew: a new request for the same names, waiting for approval like the first.
      const record: ServerCertificateRecord = {
        ...cert, id: newCertificateId(), status: 'Pending approval', serialNumber: null, validFrom: null, validTo: null, installedAt: null,
        requestedById: ctx.account.personId, createdAt: now(), decidedById: null, decidedAt: null, rejectReason: null, revokedAt: null, revocationReason: null,
        renewalOf: cert.id, version: 1,
      };
      store.put('serverCertificates', record);
      audit(ctx, 'server-certificate.renew', id, 'success', `renewal ${record.id} waiting for approval`);
      const body: ServerCertificateCreated = { certificate: certView(record, ctx.principal), p12Password: cert.format === 'pkcs12' ? generateP12Password() : null };
      return HttpResponse.json(body, { status: 201 });
    }),

    // ---- Server certificate approver ----

    endpoint(store, 'get', '/digital-id/approvals', { right: 'Digital ID' }, (ctx) => {
      const servers = can(ctx.principal, 'server:approve');
      const certs = can(ctx.principal, 'server-certificate:approve');
      if (!servers && !certs) return denied(ctx, 'approval.list', 'approvals', 'server:approve');
      const pq = readPageQuery(ctx, ['createdAt']);
      if (pq instanceof Response) return pq;
      const pending: Pending[] = [];
      if (servers) for (const s of db().servers.all()) if (s.status === 'Pending approval' && inTenant(s, ctx.tenantId)) pending.push({ kind: 'server-registration', server: s, record: s });
      if (certs) {
        for (const c of db().serverCertificates.all()) {
          const server = db().servers.get(c.serverId);
          if (c.status === 'Pending approval' && server && inTenant(c, ctx.tenantId)) pending.push({ kind: 'server-certificate', server, record: c });
        }
      }
      // Oldest first: the queue is worked in order.
      pending.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
      const page = paginate(pending, pq);
      return HttpResponse.json({ ...page, items: page.items.map((p) => approvalView(p, ctx)) });
    }),

    endpoint(store, 'post', '/digital-id/approvals/:id/actions/:decision', { right: 'Digital ID' }, async (ctx) => {
      const id = String(ctx.params.id);
      const decision = String(ctx.params.decision);
      const pending = pendingOf(id, ctx.tenantId);
      if (!pending || (decision !== 'approve' && decision !== 'reject')) return problem(404, 'Not found', decision === 'approve' || decision === 'reject' ? 'There is no such approval.' : `There is no decision “${decision}”.`);
      const permission = approvalPermission(pending);
      if (!can(ctx.principal, permission)) return denied(ctx, `approval.${decision}`, id, permission);
      const block = blockOf(pending, ctx.account);
      if (block && pending.record.status === 'Pending approval') {
        audit(ctx, `approval.${decision}`, id, 'denied', `separation of duties: ${block}`);
        return problem(403, 'Separation of duties', BLOCK_TEXT[block]);
      }
      const match = ifMatchState(ctx.request, pending.record.version);
      if (match === 'missing') return preconditionRequired();
      if (match === 'stale') return problem(412, 'Changed meanwhile', 'This request was changed or decided since you loaded it. Reload it and decide again.', { currentVersion: pending.record.version });
      if (pending.record.status !== 'Pending approval') {
        const detail = `This request is already decided (${pending.record.status}).`;
        audit(ctx, `approval.${decision}`, id, 'failed', detail);
        return problem(409, 'Already decided', detail, { currentStatus: pending.record.status });
      }
      const read = await readJsonObject(ctx.request);
      if (read instanceof Response) return read;
      const reason = read.reason;
      if (decision === 'reject' && (typeof reason !== 'string' || !(DIGITAL_ID_REJECT_REASONS as readonly string[]).includes(reason))) {
        return problem(422, 'Reason required', 'Choose a reason from the list.', { errors: { reason: `Choose one of: ${DIGITAL_ID_REJECT_REASONS.join(', ')}.` }, errorCodes: { reason: 'required' } });
      }
      const decided = { decidedById: ctx.account.personId, decidedAt: now(), version: pending.record.version + 1 };
      let next: Pending;
      if (pending.kind === 'server-registration') {
        const s: ServerRecord = { ...pending.record, ...decided, status: decision === 'approve' ? 'Approved' : 'Rejected', rejectReason: decision === 'reject' ? String(reason) : null };
        store.put('servers', s);
        next = { kind: 'server-registration', server: s, record: s };
      } else {
        const from = Date.now();
        const serial = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
        // Approving a request issues the certificate: Valid, waiting for its installation to be confirmed.
        const c: ServerCertificateRecord =
          decision === 'approve'
            ? { ...pending.record, ...decided, status: 'Valid', serialNumber: serial, validFrom: new Date(from).toISOString(), validTo: new Date(from + SERVER_CERTIFICATE_DAYS * DAY).toISOString() }
            : { ...pending.record, ...decided, status: 'Rejected', rejectReason: String(reason) };
        store.put('serverCertificates', c);
        next = { kind: 'server-certificate', server: pending.server, record: c };
      }
      audit(ctx, `approval.${decision}`, id, 'success', `${pending.kind} ${decision === 'approve' ? 'approved' : `rejected: ${String(reason)}`}`);
      return HttpResponse.json(approvalView(next, ctx));
    }),
  ];
}
