// @vitest-environment node
/**
 * API tests of Roles and User Administration. Expectations about who may do what are written from
 * ACCESS.md: the Bootstrap, Policy and User administrators hold Roles and User Administration; only the
 * User administrator "assigns and de-assigns roles" and "manages users"; Batch sync is never assigned
 * to a person.
 */
import { describe, expect, it } from 'vitest';
import type { PasswordResetResult, Problem, RoleInfo, SessionInfo, User, UserDetail } from '../../src/api/types';
import { contractHarness } from '../contract/harness';

const c = contractHarness({ persons: 300 });

type Coll<T> = { items: T[]; total: number; page: number; pageSize: number };

const ACTION_KEYS = ['assign-role', 'de-assign-role', 'activate', 'reactivate', 'deactivate', 'reset-password'].map(
  (a) => `POST /users/{id}/actions/${a}`,
);

/** The roles of ACCESS.md's table, by technical reference. */
const ACCESS_ROLES = [
  'BaseRoleBootstrapAdmin', 'BaseRolePolicyAdmin', 'BaseRoleServiceAdmin', 'BaseRoleRegistrationOfficer', 'BaseRoleOfficer',
  'BaseRoleProductionAdmin', 'BaseRoleIssuingAuthority', 'BaseRoleUserAdmin', 'BaseRoleHelpdeskOfficer', 'BaseRoleSelfServiceUser',
  'BaseRoleSelfServiceVisitor', 'BaseRoleBatchSync', 'PcmRolePersonalMobileUser', 'PcmRolePersonalMobileOfficer',
  'PstmRoleRegistrationOfficer', 'PstmRoleSelfServiceUser', 'PcmRoleVSCEntitledUser', 'ScmRoleApproverOfficer',
  'ScmRoleServerAdministrator', 'ScmRoleServerRegistrationOfficer',
];

const accountId = (username: string) => c.store.db.accounts.find((a) => a.username === username)!.id;

/** A generated operator, active, whose roles give no Open Tasks (Issuing authority or Card production administrator). */
const plainOperator = () =>
  c.store.db.accounts.find(
    (a) =>
      a.status === 'Active' &&
      /\d$/.test(a.username) &&
      a.roles.some((r) => r === 'BaseRoleIssuingAuthority' || r === 'BaseRoleProductionAdmin') &&
      a.roles.every((r) => r === 'BaseRoleIssuingAuthority' || r === 'BaseRoleProductionAdmin' || r === 'BaseRoleSelfServiceUser'),
  )!;

async function getUser(cookie: string, id: string): Promise<UserDetail> {
  return (await c.expectDocumented('GET /users/{id}', await c.call('GET /users/{id}', { cookie, path: { id } }), 200)) as UserDetail;
}

async function act(cookie: string, action: string, u: { id: string; version: number }, body: unknown = {}) {
  return c.call(`POST /users/{id}/actions/${action}`, { cookie, path: { id: u.id }, headers: { 'If-Match': `"${u.version}"` }, body });
}

describe('GET /roles', () => {
  it('lists every role of ACCESS.md with rights, permissions and the holders of the tenant', async () => {
    const { cookie } = await c.signIn('policy-administrator');
    const body = (await c.expectDocumented('GET /roles', await c.call('GET /roles', { cookie }), 200)) as Coll<RoleInfo>;
    expect(body.items.map((r) => r.id).sort()).toEqual([...ACCESS_ROLES].sort());
    const byId = new Map(body.items.map((r) => [r.id, r]));
    expect(byId.get('BaseRoleUserAdmin')!.rights).toEqual(expect.arrayContaining(['Extended Search', 'Roles', 'User Administration']));
    expect(byId.get('BaseRoleUserAdmin')!.permissions).toEqual(expect.arrayContaining(['role:assign', 'role:deassign']));
    expect(byId.get('BaseRoleOfficer')!.rights).toEqual(['Open Tasks']);
    expect(byId.get('BaseRoleBatchSync')!.assignableToPerson).toBe(false);
    expect(body.items.filter((r) => !r.assignableToPerson).map((r) => r.id)).toEqual(['BaseRoleBatchSync']);
    expect(byId.get('BaseRoleUserAdmin')!.holders.map((h) => h.username)).toContain('user-administrator');
    expect(byId.get('BaseRoleBatchSync')!.holders.map((h) => h.username)).toEqual(['batch-sync']);
    // Accounts of another tenant are not holders here.
    expect(byId.get('BaseRoleOfficer')!.holders.map((h) => h.username)).not.toContain('labs-approver');
    await c.expectDocumented('GET /roles', await c.call('GET /roles', { cookie, query: { sort: 'colour' } }), 422);
  });
});

describe('GET /users', () => {
  it('filters by text, status and role, pages and sorts, within the tenant', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const all = (await c.expectDocumented('GET /users', await c.call('GET /users', { cookie, query: { pageSize: 200 } }), 200)) as Coll<User>;
    expect(all.total).toBeGreaterThan(40);
    expect(all.items.map((u) => u.username)).not.toContain('labs-approver');
    const names = all.items.map((u) => u.username);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    const registered = (await c.expectDocumented('GET /users', await c.call('GET /users', { cookie, query: { status: 'Registered' } }), 200)) as Coll<User>;
    expect(registered.total).toBeGreaterThan(0);
    expect(registered.items.every((u) => u.status === 'Registered' && u.allowedActions.includes('activate'))).toBe(true);

    const approvers = (await c.expectDocumented('GET /users', await c.call('GET /users', { cookie, query: { role: 'BaseRoleOfficer', pageSize: 200 } }), 200)) as Coll<User>;
    expect(approvers.items.length).toBeGreaterThan(0);
    expect(approvers.items.every((u) => u.roles.includes('BaseRoleOfficer'))).toBe(true);
    expect(approvers.items.map((u) => u.username)).toEqual(expect.arrayContaining(['approver', 'multi-role']));

    const q = (await c.expectDocumented('GET /users', await c.call('GET /users', { cookie, query: { q: 'HELPDESK' } }), 200)) as Coll<User>;
    expect(q.items.map((u) => u.username)).toContain('helpdesk');

    const page2 = (await c.expectDocumented('GET /users', await c.call('GET /users', { cookie, query: { page: 2, pageSize: 10, sort: 'username:desc' } }), 200)) as Coll<User>;
    expect(page2.items.map((u) => u.username)).toEqual([...names].sort((a, b) => b.localeCompare(a)).slice(10, 20));

    const bad: Record<string, string>[] = [{ status: 'Sleeping' }, { role: 'BaseRoleNobody' }, { sort: 'password' }];
    for (const query of bad) {
      const problem = (await c.expectDocumented('GET /users', await c.call('GET /users', { cookie, query }), 422)) as Problem;
      expect(Object.keys(problem.errors ?? {})).toEqual([Object.keys(query)[0]]);
    }
  });

  it('a user administrator signed in to another tenant sees that tenant’s accounts', async () => {
    const res = await c.call('POST /session', { body: { username: 'user-administrator', password: 'demo', tenant: 'tenant-nordvik-labs' } });
    const cookie = (res.headers.get('Set-Cookie') ?? '').split(';')[0]!;
    expect(((await res.json()) as SessionInfo).user.username).toBe('user-administrator');
    const body = (await c.expectDocumented('GET /users', await c.call('GET /users', { cookie, query: { pageSize: 200 } }), 200)) as Coll<User>;
    expect(body.items.map((u) => u.username)).toContain('labs-approver');
    expect(body.items.map((u) => u.username)).not.toContain(plainOperator().username);
  });
});

describe('GET /users/{id}', () => {
  it('shows the account with the actions the caller may take, never offering Batch sync', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const u = await getUser(cookie, accountId('approver'));
    expect(u.username).toBe('approver');
    expect(u.roles.map((r) => r.id)).toEqual(['BaseRoleOfficer']);
    expect(u.email).toContain('@');
    expect(u.allowedActions).toEqual(expect.arrayContaining(['assign-role', 'de-assign-role', 'deactivate', 'reset-password']));
    expect(u.allowedActions).not.toContain('activate');
    expect(u.assignableRoles.map((r) => r.id)).not.toContain('BaseRoleBatchSync');
    expect(u.assignableRoles.map((r) => r.id)).not.toContain('BaseRoleOfficer');
    expect(u.assignableRoles.map((r) => r.id)).toContain('BaseRoleUserAdmin');
    await c.expectDocumented('GET /users/{id}', await c.call('GET /users/{id}', { cookie, path: { id: 'u-nobody' } }), 404);
    // Another tenant's account is not found.
    await c.expectDocumented('GET /users/{id}', await c.call('GET /users/{id}', { cookie, path: { id: accountId('labs-approver') } }), 404);
  });

  it('is read-only for the Bootstrap and Policy administrators: the right, not the permissions', async () => {
    for (const username of ['bootstrap-administrator', 'policy-administrator']) {
      const { cookie } = await c.signIn(username);
      const u = await getUser(cookie, accountId('approver'));
      expect(u.allowedActions, username).toEqual([]);
      expect(u.assignableRoles, username).toEqual([]);
      const list = (await c.expectDocumented('GET /users', await c.call('GET /users', { cookie }), 200)) as Coll<User>;
      expect(list.items.every((x) => x.allowedActions.length === 0)).toBe(true);
    }
  });
});

describe('actions for holders of the right without the permission', () => {
  it('refuse every action with 403 naming the permission, audited, and change nothing', async () => {
    const registered = c.store.db.accounts.find((a) => a.status === 'Registered')!;
    const inactive = c.store.db.accounts.find((a) => a.status === 'Inactive')!;
    const approver = c.store.db.accounts.find((a) => a.username === 'approver')!;
    const cases: [string, string, unknown, string][] = [
      ['assign-role', approver.id, { role: 'BaseRoleIssuingAuthority' }, 'role:assign'],
      ['de-assign-role', approver.id, { role: 'BaseRoleOfficer' }, 'role:deassign'],
      ['activate', registered.id, {}, 'prime-user:activate'],
      ['reactivate', inactive.id, {}, 'prime-user:reactivate'],
      ['deactivate', approver.id, {}, 'user:manage'],
      ['reset-password', approver.id, {}, 'password:reset'],
    ];
    for (const username of ['bootstrap-administrator', 'policy-administrator']) {
      const { cookie } = await c.signIn(username);
      for (const [action, id, body, permission] of cases) {
        const key = `POST /users/{id}/actions/${action}`;
        const before = c.store.db.audit.length;
        const problem = (await c.expectDocumented(key, await act(cookie, action, { id, version: 1 }, body), 403)) as Problem;
        expect(problem.missingPermission, `${username} ${action}`).toBe(permission);
        expect(c.store.db.audit.slice(before).some((e) => e.actor === username && e.outcome === 'denied')).toBe(true);
      }
    }
    expect(c.store.db.accounts.get(approver.id)!.roles).toEqual(['BaseRoleOfficer']);
    expect(c.store.db.accounts.get(registered.id)!.status).toBe('Registered');
  });
});

describe('assign-role and de-assign-role', () => {
  it('take effect on the affected user’s next request, and are audited with before and after', async () => {
    const admin = await c.signIn('user-administrator');
    const target = plainOperator();
    const user = await c.signIn(target.username);
    expect(user.session.rights).not.toContain('Open Tasks');
    await c.expectDocumented('GET /tasks', await c.call('GET /tasks', { cookie: user.cookie }), 403);

    let u = await getUser(admin.cookie, target.id);
    const assigned = (await c.expectDocumented('POST /users/{id}/actions/assign-role', await act(admin.cookie, 'assign-role', u, { role: 'BaseRoleOfficer' }), 200)) as UserDetail;
    expect(assigned.roles.map((r) => r.id)).toContain('BaseRoleOfficer');
    expect(assigned.version).toBe(u.version + 1);
    // The same session, no new sign-in: the next request is judged by the new roles.
    await c.expectDocumented('GET /tasks', await c.call('GET /tasks', { cookie: user.cookie }), 200);
    const session = (await c.expectDocumented('GET /session', await c.call('GET /session', { cookie: user.cookie }), 200)) as SessionInfo;
    expect(session.rights).toContain('Open Tasks');

    u = assigned;
    const removed = (await c.expectDocumented('POST /users/{id}/actions/de-assign-role', await act(admin.cookie, 'de-assign-role', u, { role: 'BaseRoleOfficer' }), 200)) as UserDetail;
    expect(removed.roles.map((r) => r.id)).not.toContain('BaseRoleOfficer');
    const denied = (await c.expectDocumented('GET /tasks', await c.call('GET /tasks', { cookie: user.cookie }), 403)) as Problem;
    expect(denied.missingRight).toBe('Open Tasks');

    const log = c.store.db.audit.filter((e) => e.actor === 'user-administrator' && e.outcome === 'success');
    const assign = log.find((e) => e.action === 'user-assign-role')!;
    const deassign = log.find((e) => e.action === 'user-de-assign-role')!;
    expect(assign.target).toBe(`user ${target.username}`);
    expect(assign.detail).toContain('BaseRoleOfficer');
    expect(assign.object).toBe(target.id);
    expect(assign.before!.roles).not.toContain('BaseRoleOfficer');
    expect(assign.after!.roles).toContain('BaseRoleOfficer');
    expect(deassign.before!.roles).toContain('BaseRoleOfficer');
    expect(deassign.after!.roles).not.toContain('BaseRoleOfficer');
    expect(JSON.stringify([assign, deassign])).not.toContain(target.password);
  });

  it('refuse Batch sync, unknown roles, a missing role, held and unheld roles; need the current version', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const u = await getUser(cookie, accountId('approver'));
    const assign = 'POST /users/{id}/actions/assign-role';
    const deassign = 'POST /users/{id}/actions/de-assign-role';

    const sys = (await c.expectDocumented(assign, await act(cookie, 'assign-role', u, { role: 'BaseRoleBatchSync' }), 422)) as Problem;
    expect(sys.errors?.role).toMatch(/system role, never assigned to a person/);
    expect(c.store.db.audit.at(-1)).toMatchObject({ action: 'user-assign-role', outcome: 'denied' });
    expect(((await c.expectDocumented(assign, await act(cookie, 'assign-role', u, { role: 'BaseRoleWizard' }), 422)) as Problem).errors?.role).toMatch(/no role/);
    expect(((await c.expectDocumented(assign, await act(cookie, 'assign-role', u, {}), 422)) as Problem).errors?.role).toBeDefined();
    expect(((await c.expectDocumented(deassign, await act(cookie, 'de-assign-role', u, '[1]'), 422)) as Problem).errors?.body).toBeDefined();
    const held = (await c.expectDocumented(assign, await act(cookie, 'assign-role', u, { role: 'BaseRoleOfficer' }), 409)) as Problem;
    expect(held.currentStatus).toBe('Active');
    await c.expectDocumented(deassign, await act(cookie, 'de-assign-role', u, { role: 'BaseRoleIssuingAuthority' }), 409);
    await c.expectDocumented(assign, await act(cookie, 'assign-role', { id: 'u-nobody', version: 1 }, { role: 'BaseRoleOfficer' }), 404);
    await c.expectDocumented(deassign, await act(cookie, 'de-assign-role', { id: 'u-nobody', version: 1 }, { role: 'BaseRoleOfficer' }), 404);

    const noVersion = await c.call(assign, { cookie, path: { id: u.id }, body: { role: 'BaseRoleIssuingAuthority' } });
    await c.expectDocumented(assign, noVersion, 428);
    await c.expectDocumented(deassign, await c.call(deassign, { cookie, path: { id: u.id }, body: { role: 'BaseRoleOfficer' } }), 428);
    const stale = (await c.expectDocumented(assign, await act(cookie, 'assign-role', { ...u, version: u.version + 5 }, { role: 'BaseRoleIssuingAuthority' }), 412)) as Problem;
    expect(stale.currentVersion).toBe(u.version);
    await c.expectDocumented(deassign, await act(cookie, 'de-assign-role', { ...u, version: 99 }, { role: 'BaseRoleOfficer' }), 412);
    // Nothing changed.
    expect(c.store.db.accounts.get(u.id)!.roles).toEqual(['BaseRoleOfficer']);
  });

  it('never let anyone change their own roles or deactivate themselves (403 own-account, audited)', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const me = await getUser(cookie, accountId('user-administrator'));
    expect(me.roles.find((r) => r.id === 'BaseRoleUserAdmin')!.blockedBecause).toMatch(/your own roles/);
    expect(me.allowedActions).not.toContain('deactivate');
    expect(me.allowedActions).not.toContain('assign-role');
    expect(me.assignableRoles).toEqual([]);
    expect(me.blockedActions.map((b) => b.action)).toEqual(expect.arrayContaining(['assign-role', 'deactivate']));
    const problem = (await c.expectDocumented('POST /users/{id}/actions/de-assign-role', await act(cookie, 'de-assign-role', me, { role: 'BaseRoleUserAdmin' }), 403)) as Problem;
    expect(problem).toMatchObject({ rule: 'own-account' });
    expect(c.store.db.audit.at(-1)).toMatchObject({ actor: 'user-administrator', action: 'user-de-assign-role', outcome: 'denied' });
    expect(c.store.db.audit.at(-1)!.detail).toMatch(/own-account/);
    const self = (await c.expectDocumented('POST /users/{id}/actions/deactivate', await act(cookie, 'deactivate', me), 403)) as Problem;
    expect(self).toMatchObject({ rule: 'own-account' });
    expect(self.detail).toMatch(/your own account/);
    for (const role of ['BaseRoleBootstrapAdmin', 'BaseRoleServiceAdmin', 'BaseRoleOfficer']) {
      const up = (await c.expectDocumented('POST /users/{id}/actions/assign-role', await act(cookie, 'assign-role', me, { role }), 403)) as Problem;
      expect(up.rule, role).toBe('own-account');
    }
    expect(c.store.db.accounts.get(me.id)).toMatchObject({ status: 'Active', roles: ['BaseRoleUserAdmin'] });
    expect(c.store.db.accounts.get(me.id)!.version ?? 1).toBe(me.version);
  });
});

describe('status actions and password reset', () => {
  it('activate, deactivate, reactivate follow the states; a deactivated user’s session stops working', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const registered = await getUser(cookie, c.store.db.accounts.find((a) => a.status === 'Registered')!.id);
    await c.expectDocumented('POST /users/{id}/actions/reactivate', await act(cookie, 'reactivate', registered), 409);
    await c.expectDocumented('POST /users/{id}/actions/deactivate', await act(cookie, 'deactivate', registered), 409);
    const active = (await c.expectDocumented('POST /users/{id}/actions/activate', await act(cookie, 'activate', registered), 200)) as UserDetail;
    expect(active.status).toBe('Active');
    expect(c.store.db.audit.at(-1)).toMatchObject({ action: 'user-activate', before: { status: 'Registered' }, after: { status: 'Active' } });
    const again = (await c.expectDocumented('POST /users/{id}/actions/activate', await act(cookie, 'activate', active), 409)) as Problem;
    expect(again.currentStatus).toBe('Active');

    const user = await c.signIn(active.username);
    const tooLong = (await c.expectDocumented('POST /users/{id}/actions/deactivate', await act(cookie, 'deactivate', active, { reason: 'x'.repeat(501) }), 422)) as Problem;
    expect(tooLong.errors?.reason).toBeDefined();
    const inactive = (await c.expectDocumented('POST /users/{id}/actions/deactivate', await act(cookie, 'deactivate', active, { reason: 'Left the company' }), 200)) as UserDetail;
    expect(inactive.status).toBe('Inactive');
    expect(c.store.db.audit.at(-1)!.detail).toMatch(/reason: Left the company/);
    await c.expectDocumented('GET /session', await c.call('GET /session', { cookie: user.cookie }), 401);
    await c.expectDocumented('POST /users/{id}/actions/reset-password', await act(cookie, 'reset-password', inactive), 409);
    const back = (await c.expectDocumented('POST /users/{id}/actions/reactivate', await act(cookie, 'reactivate', inactive), 200)) as UserDetail;
    expect(back.status).toBe('Active');
    expect(back.version).toBe(registered.version + 3);
  });

  it('reset-password sends a one-time link and stores no readable password', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const target = c.store.db.accounts.find((a) => a.username === 'approver')!;
    const u = await getUser(cookie, target.id);
    const key = 'POST /users/{id}/actions/reset-password';
    const res = (await c.expectDocumented(key, await act(cookie, 'reset-password', u), 200)) as PasswordResetResult;
    expect(res.sentTo).toBe(u.email);
    expect(res.user.passwordResetAt).not.toBeNull();
    expect(JSON.stringify(res)).not.toMatch(/password"\s*:/i);
    expect(c.store.db.accounts.get(target.id)!.password).toBe(target.password);
    expect(c.store.db.audit.at(-1)).toMatchObject({ action: 'user-reset-password', target: 'user approver', outcome: 'success' });
  });

  it('answer 404, 412, 422 and 428 for the status actions', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const registered = await getUser(cookie, c.store.db.accounts.find((a) => a.status === 'Registered')!.id);
    const inactive = await getUser(cookie, c.store.db.accounts.find((a) => a.status === 'Inactive')!.id);
    const approver = await getUser(cookie, accountId('approver'));
    const targets: Record<string, UserDetail> = { activate: registered, reactivate: inactive, deactivate: approver, 'reset-password': approver };
    for (const [action, u] of Object.entries(targets)) {
      const key = `POST /users/{id}/actions/${action}`;
      await c.expectDocumented(key, await act(cookie, action, { id: 'u-nobody', version: 1 }), 404);
      await c.expectDocumented(key, await act(cookie, action, u, 'not json'), 422);
      await c.expectDocumented(key, await c.call(key, { cookie, path: { id: u.id }, body: {} }), 428);
      await c.expectDocumented(key, await act(cookie, action, { ...u, version: u.version + 1 }), 412);
    }
    expect(c.store.db.accounts.get(registered.id)!.status).toBe('Registered');
  });
});

describe('who reaches the actions', () => {
  it('the Helpdesk lacks User Administration: its password resets and activations stay in Open Tasks and Extended Search', async () => {
    const { cookie, session } = await c.signIn('helpdesk');
    expect(session.permissions).toEqual(expect.arrayContaining(['password:reset', 'prime-user:activate']));
    for (const key of ACTION_KEYS) {
      const problem = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: accountId('approver') }, body: {} }), 403)) as Problem;
      expect(problem.missingRight).toBe('User Administration');
    }
  });
});

c.describeAccess(['/roles', '/users'], () => ({ id: 'u-0001' }));
c.describeStatusCoverage(['/roles', '/users']);

describe('roles across deactivation (DOMAIN §3.3: roles withdrawn; only the default role returns)', () => {
  it('deactivate withdraws every role, audited before/after; reactivate gives back only Self-service user', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const target = plainOperator();
    const rolesBefore = [...target.roles];
    expect(rolesBefore.length).toBeGreaterThan(1);
    const user = await c.signIn(target.username);
    const u = await getUser(cookie, target.id);

    const off = (await c.expectDocumented('POST /users/{id}/actions/deactivate', await act(cookie, 'deactivate', u, { reason: 'On leave' }), 200)) as UserDetail;
    expect(off.status).toBe('Inactive');
    expect(off.roles).toEqual([]);
    expect(c.store.db.accounts.get(target.id)!.roles).toEqual([]);
    expect(c.store.db.audit.at(-1)).toMatchObject({ action: 'user-deactivate', outcome: 'success', before: { roles: rolesBefore.join(', ') }, after: { roles: '' } });
    await c.expectDocumented('GET /session', await c.call('GET /session', { cookie: user.cookie }), 401);
    const signIn = (await c.expectDocumented('POST /session', await c.call('POST /session', { body: { username: target.username, password: target.password } }), 403)) as Problem;
    expect(signIn.title).toBe('Account inactive');

    // While Inactive no role can be given: reactivation would withdraw it again.
    expect(off.allowedActions).not.toContain('assign-role');
    expect(off.assignableRoles).toEqual([]);
    const refused = (await c.expectDocumented('POST /users/{id}/actions/assign-role', await act(cookie, 'assign-role', off, { role: 'BaseRoleOfficer' }), 409)) as Problem;
    expect(refused.currentStatus).toBe('Inactive');
    expect(c.store.db.accounts.get(target.id)!.roles).toEqual([]);

    const on = (await c.expectDocumented('POST /users/{id}/actions/reactivate', await act(cookie, 'reactivate', off), 200)) as UserDetail;
    expect(on.status).toBe('Active');
    expect(on.roles.map((r) => r.id)).toEqual(['BaseRoleSelfServiceUser']);
    expect(c.store.db.audit.at(-1)).toMatchObject({ action: 'user-reactivate', before: { roles: '' }, after: { roles: 'BaseRoleSelfServiceUser' } });

    // Signed in again, the user holds exactly the default role's rights.
    const again = await c.signIn(target.username);
    const session = (await c.expectDocumented('GET /session', await c.call('GET /session', { cookie: again.cookie }), 200)) as SessionInfo;
    expect(session.roles).toEqual(['BaseRoleSelfServiceUser']);
    expect(session.rights).toEqual(['Self-Service']);
  });

  it('an active account whose last role was de-assigned is told it holds no roles, not that it is a system account', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const target = c.store.db.accounts.find((a) => a.status === 'Active' && /\d$/.test(a.username) && a.roles.length === 2)!;
    let u = await getUser(cookie, target.id);
    for (const { id } of [...u.roles]) {
      u = (await c.expectDocumented('POST /users/{id}/actions/de-assign-role', await act(cookie, 'de-assign-role', u, { role: id }), 200)) as UserDetail;
    }
    expect(u.roles).toEqual([]);
    const res = await c.call('POST /session', { body: { username: target.username, password: target.password } });
    expect(res.headers.get('Set-Cookie')).toBeNull();
    const problem = (await c.expectDocumented('POST /session', res, 403)) as Problem;
    expect(problem.title).toBe('No roles');
    expect(c.store.db.audit.at(-1)).toMatchObject({ action: 'sign-in', outcome: 'denied', detail: 'no roles' });
  });

  it('the seeded Inactive accounts hold no roles', () => {
    const inactive = c.store.db.accounts.all().filter((a) => a.status === 'Inactive');
    expect(inactive.length).toBeGreaterThan(0);
    for (const a of inactive) expect(a.roles, a.username).toEqual([]);
  });
});
