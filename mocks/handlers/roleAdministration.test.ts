// @vitest-environment node
/**
 * The rules that keep role administration from lifting anyone, as a matrix: every persona that holds
 * User Administration × every role of ACCESS.md × the caller's own account and another one.
 *
 * Expectations are written here from ACCESS.md, not read from the rights model:
 * - only the User administrator "assigns and de-assigns roles" (role:assign, role:deassign);
 * - nobody changes their own roles or deactivates themselves;
 * - a role carrying an administrative right (Explorer Admin, Designer Roles or User Administration) is
 *   granted or withdrawn only by someone who holds all it carries. The User administrator holds its own
 *   role whole, but not Bootstrap administrator (Admin), Policy administrator (Designer configuration),
 *   Service administrator (Admin) or Registration officer (Explorer All, so Admin);
 * - the last active Bootstrap administrator keeps the role;
 * - Batch sync is never assigned to a person.
 */
import { describe, expect, it } from 'vitest';
import type { Problem, UserDetail } from '../../src/api/types';
import type { Account } from '../db/schema';
import { contractHarness } from '../contract/harness';

const c = contractHarness({ persons: 300 });

type Expect = 'grant' | 'administrative' | 'system';
const USER_ADMIN_MAY: Record<string, Expect> = {
  BaseRoleBootstrapAdmin: 'administrative',
  BaseRolePolicyAdmin: 'administrative',
  BaseRoleServiceAdmin: 'administrative',
  BaseRoleRegistrationOfficer: 'administrative',
  BaseRoleOfficer: 'grant',
  BaseRoleProductionAdmin: 'grant',
  BaseRoleIssuingAuthority: 'grant',
  BaseRoleUserAdmin: 'grant',
  BaseRoleHelpdeskOfficer: 'grant',
  BaseRoleSelfServiceUser: 'grant',
  BaseRoleSelfServiceVisitor: 'grant',
  BaseRoleBatchSync: 'system',
  PcmRolePersonalMobileUser: 'grant',
  PcmRolePersonalMobileOfficer: 'grant',
  PstmRoleRegistrationOfficer: 'grant',
  PstmRoleSelfServiceUser: 'grant',
  PcmRoleVSCEntitledUser: 'grant',
  ScmRoleApproverOfficer: 'grant',
  ScmRoleServerAdministrator: 'grant',
  ScmRoleServerRegistrationOfficer: 'grant',
};
const ROLES = Object.keys(USER_ADMIN_MAY);
/** The personas whose roles open User Administration (ACCESS.md: Designer All or User Administration). */
const ROLE_ADMINISTRATORS = ['bootstrap-administrator', 'policy-administrator', 'user-administrator'];
/** The persona holding each administrative role, as a target that already has it. */
const HOLDER: Record<string, string> = {
  BaseRoleBootstrapAdmin: 'bootstrap-administrator',
  BaseRolePolicyAdmin: 'policy-administrator',
  BaseRoleServiceAdmin: 'service-administrator',
  BaseRoleRegistrationOfficer: 'registration-officer',
};

const ASSIGN = 'POST /users/{id}/actions/assign-role';
const DEASSIGN = 'POST /users/{id}/actions/de-assign-role';
const DEACTIVATE = 'POST /users/{id}/actions/deactivate';

const accountOf = (username: string) => c.store.db.accounts.find((a) => a.username === username)!;

/** A fresh Active account with no roles, in the default tenant: a target that holds nothing yet. */
function freshTarget(): Account {
  const person = c.store.db.persons.all().find((p) => !c.store.db.accounts.find((a) => a.personId === p.id))!;
  const account: Account = { id: `u-matrix-${person.id}`, username: `matrix.${person.id}`, password: 'x', personId: person.id, roles: [], status: 'Active' };
  c.store.put('accounts', account);
  return account;
}

async function act(cookie: string, key: string, target: Account, body: unknown = {}) {
  const version = c.store.db.accounts.get(target.id)!.version ?? 1;
  return c.call(key, { cookie, path: { id: target.id }, headers: { 'If-Match': `"${version}"` }, body });
}

describe('the role-administration matrix', () => {
  for (const username of ROLE_ADMINISTRATORS) {
    for (const role of ROLES) {
      for (const whose of ['own', 'other'] as const) {
        it(`${username} × ${role} × ${whose} account`, async () => {
          const { cookie } = await c.signIn(username);
          const me = accountOf(username);
          const target = whose === 'own' ? me : freshTarget();
          const before = { ...c.store.db.accounts.get(target.id)! };
          const expected = USER_ADMIN_MAY[role]!;
          const auditBefore = c.store.db.audit.length;

          if (username !== 'user-administrator') {
            // The right opens the view; the permission to change roles is the User administrator's alone.
            const p = (await c.expectDocumented(ASSIGN, await act(cookie, ASSIGN, target, { role }), 403)) as Problem;
            expect(p.missingPermission).toBe('role:assign');
            const q = (await c.expectDocumented(DEASSIGN, await act(cookie, DEASSIGN, target, { role }), 403)) as Problem;
            expect(q.missingPermission).toBe('role:deassign');
          } else if (expected === 'system') {
            await c.expectDocumented(ASSIGN, await act(cookie, ASSIGN, target, { role }), 422);
          } else if (whose === 'own') {
            const verb = me.roles.includes(role) ? DEASSIGN : ASSIGN;
            const p = (await c.expectDocumented(verb, await act(cookie, verb, target, { role }), 403)) as Problem;
            expect(p.rule).toBe('own-account');
            expect(c.store.db.audit.at(-1)).toMatchObject({ actor: username, outcome: 'denied' });
          } else if (expected === 'administrative') {
            const p = (await c.expectDocumented(ASSIGN, await act(cookie, ASSIGN, target, { role }), 403)) as Problem;
            expect(p.rule).toBe('administrative-role');
            expect(c.store.db.audit.at(-1)).toMatchObject({ actor: username, action: 'user-assign-role', outcome: 'denied' });
            // Withdrawing it from someone who holds it is refused too.
            const holder = accountOf(HOLDER[role]!);
            const rolesBefore = [...holder.roles];
            const q = (await c.expectDocumented(DEASSIGN, await act(cookie, DEASSIGN, holder, { role }), 403)) as Problem;
            expect(q.rule).toBe(role === 'BaseRoleBootstrapAdmin' ? 'last-bootstrap-administrator' : 'administrative-role');
            expect(c.store.db.accounts.get(holder.id)!.roles).toEqual(rolesBefore);
          } else {
            const given = (await c.expectDocumented(ASSIGN, await act(cookie, ASSIGN, target, { role }), 200)) as UserDetail;
            expect(given.roles.map((r) => r.id)).toEqual([role]);
            const taken = (await c.expectDocumented(DEASSIGN, await act(cookie, DEASSIGN, target, { role }), 200)) as UserDetail;
            expect(taken.roles).toEqual([]);
            return;
          }
          // Every refusal changed nothing and was audited.
          expect(c.store.db.accounts.get(target.id)).toEqual(before);
          expect(c.store.db.audit.length).toBeGreaterThan(auditBefore);
        });
      }
    }
  }
});

describe('what the user page offers follows the same rules', () => {
  it('lists the grantable roles and withholds the administrative ones with the reason', async () => {
    const { cookie } = await c.signIn('user-administrator');
    const target = freshTarget();
    const res = await c.call('GET /users/{id}', { cookie, path: { id: target.id } });
    const u = (await c.expectDocumented('GET /users/{id}', res, 200)) as UserDetail;
    const offered = ROLES.filter((r) => USER_ADMIN_MAY[r] === 'grant');
    const withheld = ROLES.filter((r) => USER_ADMIN_MAY[r] === 'administrative');
    expect(u.assignableRoles.map((r) => r.id).sort()).toEqual([...offered].sort());
    expect(u.withheldRoles.map((r) => r.id).sort()).toEqual([...withheld].sort());
    expect(u.withheldRoles.every((r) => /administrative rights/.test(r.reason))).toBe(true);
  });

  it('offers no deactivation of an administrator above the caller, and says why', async () => {
    const { cookie } = await c.signIn('user-administrator');
    for (const [username, rule] of [
      ['policy-administrator', 'administrative-role'],
      ['service-administrator', 'administrative-role'],
      ['registration-officer', 'administrative-role'],
      ['bootstrap-administrator', 'last-bootstrap-administrator'],
    ] as const) {
      const target = accountOf(username);
      const u = (await c.expectDocumented('GET /users/{id}', await c.call('GET /users/{id}', { cookie, path: { id: target.id } }), 200)) as UserDetail;
      expect(u.allowedActions, username).not.toContain('deactivate');
      expect(u.blockedActions.find((b) => b.action === 'deactivate')?.reason, username).toMatch(/withdraws every role/);
      expect(u.allowedActions, username).not.toContain('de-assign-role');
      expect(u.roles.every((r) => r.blockedBecause), username).toBe(true);
      const p = (await c.expectDocumented(DEACTIVATE, await act(cookie, DEACTIVATE, target), 403)) as Problem;
      expect(p.rule, username).toBe(rule);
      expect(c.store.db.accounts.get(target.id)).toMatchObject({ status: 'Active', roles: target.roles });
      expect(c.store.db.audit.at(-1)).toMatchObject({ actor: 'user-administrator', action: 'user-deactivate', outcome: 'denied' });
    }
    // An operational account is deactivated as before, and its sessions end: reactivating does not revive them.
    const approver = accountOf('approver');
    const { cookie: approverSession } = await c.signIn('approver');
    await c.expectDocumented(DEACTIVATE, await act(cookie, DEACTIVATE, approver), 200);
    await c.expectDocumented('POST /users/{id}/actions/reactivate', await act(cookie, 'POST /users/{id}/actions/reactivate', approver), 200);
    await c.expectDocumented('GET /session', await c.call('GET /session', { cookie: approverSession }), 401);
  });

  it('keeps the last active Bootstrap administrator, and lets the role go once another holds it', async () => {
    // An account holding Bootstrap administrator and User administrator holds everything the first carries.
    const chief = freshTarget();
    c.store.put('accounts', { ...chief, password: 'demo', roles: ['BaseRoleBootstrapAdmin', 'BaseRoleUserAdmin'] });
    const bootstrap = accountOf('bootstrap-administrator');
    const { cookie: userAdmin } = await c.signIn('user-administrator');
    const last = (await c.expectDocumented(DEASSIGN, await act(userAdmin, DEASSIGN, chief, { role: 'BaseRoleBootstrapAdmin' }), 403)) as Problem;
    expect(last.rule).toBe('administrative-role');
    const { cookie } = await c.signIn(chief.username);
    // Two active holders: the chief may withdraw the role from the other one.
    await c.expectDocumented(DEASSIGN, await act(cookie, DEASSIGN, bootstrap, { role: 'BaseRoleBootstrapAdmin' }), 200);
    // Now the chief is the last holder; no one may take it, and the chief may not change its own roles.
    const own = (await c.expectDocumented(DEASSIGN, await act(cookie, DEASSIGN, chief, { role: 'BaseRoleBootstrapAdmin' }), 403)) as Problem;
    expect(own.rule).toBe('own-account');
    const back = (await c.expectDocumented(ASSIGN, await act(cookie, ASSIGN, bootstrap, { role: 'BaseRoleBootstrapAdmin' }), 200)) as UserDetail;
    expect(back.roles.map((r) => r.id)).toContain('BaseRoleBootstrapAdmin');
  });
});
