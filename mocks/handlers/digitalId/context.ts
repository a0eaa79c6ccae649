/**
 * What the Digital ID handlers share: the store, the views of persons, servers and certificates as
 * the caller sees them, the audit, and the refusal of a missing permission.
 */
import { can, type Permission, type Principal } from '../../../src/access/model';
import type { Credential, DigitalIdAccount, DigitalIdPerson, Person, PersonRef, Server, ServerCertificate, ServerCertificateAction, ServerCertificateStatus } from '../../../src/api/types';
import type { Account } from '../../db/schema';
import type { Store } from '../../db/store';
import { SERVER_CERTIFICATE_ACTIONS, type ServerCertificateRecord, type ServerRecord } from '../../domain/digitalId';
import { REVOKE_REASONS } from '../../domain/lifecycle';
import { inTenant, problem, type Ctx } from '../http';

export const DAY = 86_400_000;
export const SERVER_PERMISSIONS: Permission[] = ['server:register', 'server-certificate:request', 'server:approve', 'server-certificate:approve', 'server-certificate:manage'];
export const CERT_STATUSES: ServerCertificateStatus[] = ['Pending approval', 'Rejected', 'Valid', 'Revoked', 'Expired'];

export type DigitalIdContext = ReturnType<typeof digitalIdContext>;

export function digitalIdContext(store: Store) {
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

  return { store, db, now, ref, personView, accountOf, accountView, audit, denied, anyOf, searchPersons, credentialsOf, grantRole, history, serverView, certBlock, certView, newCertificateId };
}
