import { HttpResponse } from 'msw';
import { findRole, principalOf, rightsOfRole, ROLES, type Principal } from '../../src/access/model';
import { USER_ACTIONS, type RoleInfo, type User, type UserAction, type UserDetail, type UserStatus } from '../../src/api/types';
import type { Account } from '../db/schema';
import type { Store } from '../db/store';
import {
  ACTION_PERMISSIONS,
  assignableRoles,
  blockedActions,
  deassignBlock,
  permitted,
  roleChangeBlock,
  rolesAfter,
  STATUS_CHANGES,
  statusBlock,
  userActions,
  versionOf,
  withheldRoles,
  type Caller,
  type RoleBlock,
} from '../domain/users';
import { accountInTenant, endpoint, ifMatchState, paginate, preconditionRequired, problem, readJsonObject, readPageQuery, type Ctx } from './http';

const STATUSES: readonly UserStatus[] = ['Registered', 'Active', 'Inactive'];
const SYSTEM_ROLE = 'This is a system role, never assigned to a person.';

/** Roles (Designer right Roles) and User Administration (Designer right User Administration). */
export function userHandlers(store: Store) {
  const person = (a: Account) => store.db.persons.get(a.personId);
  const displayName = (a: Account) => person(a)?.displayName ?? a.username;
  const ofTenant = (tenantId: string) => store.db.accounts.all().filter((a) => accountInTenant(a, tenantId));
  /** The account if the caller's tenant has it; another tenant's account is not found. */
  const accountOf = (id: string, tenantId: string) => {
    const a = store.db.accounts.get(id);
    return a && accountInTenant(a, tenantId) ? a : undefined;
  };

  const callerOf = (account: Account, principal: Principal): Caller => ({ account, principal, accounts: store.db.accounts.all() });

  const summary = (a: Account, c: Caller): User => ({
    id: a.id,
    username: a.username,
    displayName: displayName(a),
    status: a.status,
    roles: [...a.roles],
    version: versionOf(a),
    allowedActions: userActions(a, c),
  });

  const detail = (a: Account, c: Caller): UserDetail => {
    const p = person(a);
    return {
      id: a.id,
      username: a.username,
      displayName: displayName(a),
      personId: a.personId,
      email: p?.email ?? null,
      orgUnit: p?.orgUnit ?? null,
      status: a.status,
      roles: a.roles.map((id) => {
        const block = deassignBlock(a, id, c);
        return { id, name: findRole(id)?.name ?? id, ...(block ? { blockedBecause: block } : {}) };
      }),
      version: versionOf(a),
      allowedActions: userActions(a, c),
      blockedActions: blockedActions(a, c),
      assignableRoles: assignableRoles(a, c),
      withheldRoles: withheldRoles(a, c),
      passwordResetAt: a.passwordResetAt ?? null,
    };
  };

  const withETag = (body: object, version: number) => HttpResponse.json(body, { headers: { ETag: `"${version}"` } });

  /** What the audit keeps of an account before and after a change: never the password. */
  const snapshot = (a: Account) => ({ status: a.status, roles: a.roles.join(', '), version: versionOf(a) });

  /** One action on one account: the checks in the documented order, then the change, audited. */
  const act = (action: UserAction) => async (ctx: Ctx) => {
    const { params, request, account: caller, principal, tenantId } = ctx;
    const id = String(params.id);
    const audit = (outcome: 'success' | 'denied' | 'failed', detail: string, username = id, change?: { before: Account; after: Account }) =>
      store.audit({
        actor: caller.username,
        action: `user-${action}`,
        target: `user ${username}`,
        object: id,
        outcome,
        detail,
        tenantId,
        ...(change ? { before: snapshot(change.before), after: snapshot(change.after) } : {}),
      });
    const a = accountOf(id, tenantId);
    if (!a) return problem(404, 'Not found', 'There is no such user in this tenant.');
    // Endpoints whose action any of several permissions allows check them here (the others at the endpoint).
    if (!permitted(principal, action)) {
      const needed = ACTION_PERMISSIONS[action];
      audit('denied', `missing permission ${needed.join(' or ')}`, a.username);
      return problem(403, 'Access denied', `This needs the permission ${needed.join(' or ')}.`, { missingPermission: needed[0] });
    }
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;

    let role: string | undefined;
    if (action === 'assign-role' || action === 'de-assign-role') {
      if (typeof body.role !== 'string' || !body.role.trim()) {
        return problem(422, 'Role required', 'Name the role by its technical reference.', { errors: { role: 'Choose a role.' }, errorCodes: { role: 'required' } });
      }
      role = body.role.trim();
      const def = findRole(role);
      if (!def) return problem(422, 'Unknown role', `There is no role ${role}.`, { errors: { role: `There is no role ${role}.` }, errorCodes: { role: 'unknown' } });
      if (!def.assignableToPerson) {
        audit('denied', `role ${role}: system role`, a.username);
        return problem(422, 'System role', `${def.name}: ${SYSTEM_ROLE}`, { errors: { role: SYSTEM_ROLE } });
      }
    } else if (action === 'deactivate' && body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > 500)) {
      return problem(422, 'Invalid reason', 'The reason must be text of at most 500 characters.', { errors: { reason: 'Write at most 500 characters.' }, errorCodes: { reason: 'too-long' } });
    }

    const match = ifMatchState(request, versionOf(a));
    if (match === 'missing') return preconditionRequired();
    if (match === 'stale') {
      return problem(412, 'Changed meanwhile', 'This user changed since you opened it. Reload it and try again.', { currentVersion: versionOf(a) });
    }

    const refuse = (title: string, detail: string) => {
      audit('failed', detail, a.username);
      return problem(409, title, detail, { currentStatus: a.status });
    };
    // A rule of role administration: refused as not allowed (403), naming the rule, audited.
    const deny = (block: RoleBlock) => {
      audit('denied', `rule ${block.rule}: ${block.reason}`, a.username);
      return problem(403, 'Not allowed', block.reason, { rule: block.rule });
    };
    const accounts = store.db.accounts.all();
    let next: Account;
    const now = new Date().toISOString();
    if (role && action === 'assign-role') {
      const block = roleChangeBlock(a, caller, principal, role, 'assign', accounts);
      if (block) return deny(block);
      if (a.status === 'Inactive') return refuse('Not allowed in this state', `${a.username} is Inactive; reactivate the account first.`);
      if (a.roles.includes(role)) return refuse('Already assigned', `${a.username} already has the role ${findRole(role)!.name}.`);
      next = { ...a, roles: [...a.roles, role] };
    } else if (role && action === 'de-assign-role') {
      const block = roleChangeBlock(a, caller, principal, role, 'de-assign', accounts);
      if (block) return deny(block);
      if (!a.roles.includes(role)) return refuse('Not assigned', `${a.username} does not have the role ${findRole(role)!.name}.`);
      next = { ...a, roles: a.roles.filter((r) => r !== role) };
    } else if (action === 'reset-password') {
      if (a.status === 'Inactive') return refuse('Not allowed in this state', `${a.username} is Inactive; reactivate the account first.`);
      next = { ...a, passwordResetAt: now };
    } else {
      const change = STATUS_CHANGES[action]!;
      const block = statusBlock(a, caller, principal, action, accounts);
      if (block) return deny(block);
      if (a.status !== change.from) return refuse('Not allowed in this state', `${a.username} is ${a.status}; ${action} needs ${change.from}.`);
      // Deactivation withdraws the roles; reactivation gives back only the default one (DOMAIN §3.3).
      next = { ...a, status: change.to, roles: rolesAfter(action, a.roles) };
    }
    next = { ...next, version: versionOf(a) + 1 };
    store.put('accounts', next);
    // A deactivated account's sessions end now, so a later reactivation does not revive them.
    if (action === 'deactivate') store.endSessions(a.id);
    const reason = typeof body.reason === 'string' && body.reason.trim() ? `reason: ${body.reason.trim()}` : '';
    const rolesChanged = !role && next.roles.join() !== a.roles.join() ? `roles ${a.roles.join(', ') || 'none'} → ${next.roles.join(', ') || 'none'}` : '';
    const what = [role ? `role ${role}` : action === 'reset-password' ? 'reset link sent' : `status ${a.status} → ${next.status}`, rolesChanged].filter(Boolean).join('; ');
    audit('success', [what, reason].filter(Boolean).join('; '), a.username, { before: a, after: next });

    // A change to one's own account is answered with the rights it leaves.
    const fresh = caller.id === next.id ? detail(next, callerOf(next, principalOf(next.roles))) : detail(next, callerOf(caller, principal));
    if (action === 'reset-password') {
      // Demo choice: a one-time reset link goes by e-mail; no password is shown or stored readable.
      return withETag({ user: fresh, sentTo: person(a)?.email ?? a.username }, fresh.version);
    }
    return withETag(fresh, fresh.version);
  };

  return [
    endpoint(store, 'get', '/roles', { right: 'Roles' }, ({ url, request, tenantId }) => {
      const pq = readPageQuery({ url, request }, ['name', 'area']);
      if (pq instanceof Response) return pq;
      const accounts = ofTenant(tenantId);
      const items: RoleInfo[] = ROLES.map((r) => ({
        id: r.id,
        name: r.name,
        area: r.area,
        description: r.description,
        designer: typeof r.designer === 'string' ? r.designer : r.designer.join(', '),
        explorer: typeof r.explorer === 'string' ? r.explorer : r.explorer.join(', '),
        rights: rightsOfRole(r),
        permissions: [...r.permissions],
        assignableToPerson: r.assignableToPerson,
        holders: accounts
          .filter((a) => a.roles.includes(r.id))
          .map((a) => ({ id: a.id, username: a.username, displayName: displayName(a) })),
      }));
      return HttpResponse.json(paginate(items, { ...pq, pageSize: Math.max(pq.pageSize, items.length) }));
    }),

    endpoint(store, 'get', '/users', { right: 'User Administration' }, ({ url, request, account, principal, tenantId }) => {
      const pq = readPageQuery({ url, request }, ['username', 'displayName', 'status']);
      if (pq instanceof Response) return pq;
      const status = url.searchParams.get('status') ?? '';
      const role = url.searchParams.get('role') ?? '';
      const errors: Record<string, string> = {};
      if (status && !(STATUSES as readonly string[]).includes(status)) errors.status = `status must be one of ${STATUSES.join(', ')}.`;
      if (role && !findRole(role)) errors.role = 'role must be the technical reference of a role, e.g. BaseRoleOfficer.';
      if (Object.keys(errors).length) return problem(422, 'Invalid query', 'Some query parameters are not valid.', { errors });
      const c = callerOf(account, principal);
      const items: User[] = ofTenant(tenantId)
        .filter((a) => (!status || a.status === status) && (!role || a.roles.includes(role)))
        .map((a) => summary(a, c))
        .filter((u) => !pq.q || u.username.includes(pq.q) || u.displayName.toLowerCase().includes(pq.q));
      return HttpResponse.json(paginate(items, pq.sort ? pq : { ...pq, sort: { field: 'username', dir: 'asc' } }));
    }),

    endpoint(store, 'get', '/users/:id', { right: 'User Administration' }, ({ params, account, principal, tenantId }) => {
      const a = accountOf(String(params.id), tenantId);
      if (!a) return problem(404, 'Not found', 'There is no such user in this tenant.');
      const body = detail(a, callerOf(account, principal));
      return withETag(body, body.version);
    }),

    ...USER_ACTIONS.map((action) => {
      const [only] = ACTION_PERMISSIONS[action];
      const right = { right: 'User Administration' } as const;
      // Actions that one permission allows declare it at the endpoint; the others check theirs in act().
      const access = ACTION_PERMISSIONS[action].length === 1 ? { permission: only!, right } : right;
      return endpoint(store, 'post', `/users/:id/actions/${action}`, access, act(action));
    }),
  ];
}

