/**
 * Rules of User Administration: which actions a caller may take on a PRIME user account, the status
 * each action needs (DOMAIN §3.3: Registered → Active by activate; Active → Inactive by deactivate;
 * Inactive → Active by reactivate), and the rules that keep role administration from lifting anyone:
 * nobody changes their own roles or deactivates themselves; an administrative role is granted or
 * withdrawn only by someone who holds all it carries; the last active Bootstrap administrator keeps
 * the role. Roles and rights come from the rights model; nothing here compares role names but the
 * bootstrap role's.
 */
import { can, DEFAULT_ROLES, findRole, rightsOfRole, ROLES, type Permission, type Principal, type Right } from '../../src/access/model';
import type { UserAction, UserStatus } from '../../src/api/types';
import type { Account } from '../db/schema';

/** The permissions that allow each action: any one of them suffices. */
export const ACTION_PERMISSIONS: Record<UserAction, readonly Permission[]> = {
  'assign-role': ['role:assign'],
  'de-assign-role': ['role:deassign'],
  activate: ['prime-user:activate', 'user:manage'],
  reactivate: ['prime-user:reactivate', 'user:manage'],
  deactivate: ['user:manage'],
  'reset-password': ['password:reset', 'user:manage'],
};

/** The status an action needs, and the status it leaves; absent for actions that do not change the status. */
export const STATUS_CHANGES: Partial<Record<UserAction, { from: UserStatus; to: UserStatus }>> = {
  activate: { from: 'Registered', to: 'Active' },
  reactivate: { from: 'Inactive', to: 'Active' },
  deactivate: { from: 'Active', to: 'Inactive' },
};

/** The roles an account holds after a status action: none once deactivated, the default ones once reactivated. */
export function rolesAfter(action: UserAction, roles: readonly string[]): string[] {
  if (action === 'deactivate') return [];
  if (action === 'reactivate') return [...DEFAULT_ROLES];
  return [...roles];
}

/**
 * Rights that administer the system or its users. A role carrying one of them is an administrative
 * role: it is granted or withdrawn only by someone who holds every right and permission it carries,
 * so nobody can lift another account (or an accomplice's) above themselves. Operational roles (officer,
 * self-service and Digital ID roles without these rights) are what the user administrator "assigns and
 * de-assigns to users" (the seed), whatever views they open.
 */
export const ADMINISTRATIVE_RIGHTS: readonly Right[] = ['Admin', 'Roles', 'User Administration'];

/** The role that does the initial configuration; its last active holder never loses it. */
export const BOOTSTRAP_ROLE = 'BaseRoleBootstrapAdmin';

/** The rules that refuse a role change or a deactivation (403 with `rule`, audited). */
export type RoleRule = 'own-account' | 'administrative-role' | 'last-bootstrap-administrator';
export interface RoleBlock {
  rule: RoleRule;
  reason: string;
}

export const versionOf = (a: Account) => a.version ?? 1;

export function permitted(principal: Principal, action: UserAction): boolean {
  return ACTION_PERMISSIONS[action].some((p) => can(principal, p));
}

export function isAdministrativeRole(roleId: string): boolean {
  const def = findRole(roleId);
  return !!def && rightsOfRole(def).some((r) => ADMINISTRATIVE_RIGHTS.includes(r));
}

/** Whether the caller holds every right and permission the role carries. */
export function holdsAllOf(principal: Principal, roleId: string): boolean {
  const def = findRole(roleId);
  if (!def) return false;
  return rightsOfRole(def).every((r) => principal.rights.includes(r)) && def.permissions.every((p) => principal.permissions.includes(p));
}

/** Whether the account is the only active one holding the bootstrap administrator role. */
function lastBootstrapHolder(target: Account, accounts: readonly Account[]): boolean {
  if (!target.roles.includes(BOOTSTRAP_ROLE) || target.status !== 'Active') return false;
  return !accounts.some((a) => a.id !== target.id && a.status === 'Active' && a.roles.includes(BOOTSTRAP_ROLE));
}

const OWN_ROLES = 'You cannot change your own roles; ask another administrator.';
const OWN_ACCOUNT = 'You cannot deactivate your own account; ask another administrator.';
const upward = (name: string) =>
  `${name} carries administrative rights or permissions you do not hold; only someone who holds all of them may grant or withdraw it.`;
const LAST_BOOTSTRAP = 'This is the last active Bootstrap administrator; assign the role to another account first.';

/**
 * Why the caller may not grant (`assign`) or withdraw (`de-assign`) `roleId` on `target`, or null.
 * `accounts` are every account, for the last-bootstrap-administrator rule.
 */
export function roleChangeBlock(
  target: Account,
  caller: Account,
  principal: Principal,
  roleId: string,
  change: 'assign' | 'de-assign',
  accounts: readonly Account[],
): RoleBlock | null {
  if (target.id === caller.id) return { rule: 'own-account', reason: OWN_ROLES };
  // Checked before the administrative rule so that the caller hears the rule that no one can lift.
  if (change === 'de-assign' && roleId === BOOTSTRAP_ROLE && lastBootstrapHolder(target, accounts)) {
    return { rule: 'last-bootstrap-administrator', reason: LAST_BOOTSTRAP };
  }
  if (isAdministrativeRole(roleId) && !holdsAllOf(principal, roleId)) {
    return { rule: 'administrative-role', reason: upward(findRole(roleId)?.name ?? roleId) };
  }
  return null;
}

/** Why the caller may not take a status action on `target` now, or null. Deactivating withdraws every role. */
export function statusBlock(
  target: Account,
  caller: Account,
  principal: Principal,
  action: UserAction,
  accounts: readonly Account[],
): RoleBlock | null {
  if (action !== 'deactivate') return null;
  if (target.id === caller.id) return { rule: 'own-account', reason: OWN_ACCOUNT };
  for (const roleId of target.roles) {
    const block = roleChangeBlock(target, caller, principal, roleId, 'de-assign', accounts);
    if (block) return { rule: block.rule, reason: `Deactivating withdraws every role. ${block.reason}` };
  }
  return null;
}

/** Who is acting, with what, among which accounts: what every rule below needs. */
export interface Caller {
  account: Account;
  principal: Principal;
  /** Every account, for the last-bootstrap-administrator rule. */
  accounts: readonly Account[];
}

const assignable = (target: Account, c: Caller) =>
  permitted(c.principal, 'assign-role') && target.status !== 'Inactive'
    ? ROLES.filter((r) => r.assignableToPerson && !target.roles.includes(r.id))
    : [];

/**
 * Roles the caller may assign to the account now: never a system role (Batch sync), never one it
 * holds, none while it is Inactive (reactivation would withdraw them again), none to oneself and no
 * administrative role the caller does not fully hold.
 */
export function assignableRoles(target: Account, c: Caller) {
  return assignable(target, c)
    .filter((r) => !roleChangeBlock(target, c.account, c.principal, r.id, 'assign', c.accounts))
    .map((r) => ({ id: r.id, name: r.name }));
}

/** Roles the caller's permission would let it assign but a rule withholds, with the reason. */
export function withheldRoles(target: Account, c: Caller) {
  if (target.id === c.account.id) return [];
  return assignable(target, c).flatMap((r) => {
    const block = roleChangeBlock(target, c.account, c.principal, r.id, 'assign', c.accounts);
    return block ? [{ id: r.id, name: r.name, reason: block.reason }] : [];
  });
}

/** Why a held role may not be de-assigned by this caller, or null (also null without the permission). */
export function deassignBlock(target: Account, roleId: string, c: Caller): string | null {
  if (!permitted(c.principal, 'de-assign-role') || findRole(roleId)?.assignableToPerson === false) return null;
  return roleChangeBlock(target, c.account, c.principal, roleId, 'de-assign', c.accounts)?.reason ?? null;
}

/** Roles the caller may de-assign from the account now. */
export function deassignableRoles(target: Account, c: Caller): string[] {
  if (!permitted(c.principal, 'de-assign-role')) return [];
  return target.roles.filter(
    (r) => findRole(r)?.assignableToPerson !== false && !roleChangeBlock(target, c.account, c.principal, r, 'de-assign', c.accounts),
  );
}

/** Exactly what the caller may do with the account now. */
export function userActions(target: Account, c: Caller): UserAction[] {
  const out: UserAction[] = [];
  if (assignableRoles(target, c).length) out.push('assign-role');
  if (deassignableRoles(target, c).length) out.push('de-assign-role');
  for (const action of ['activate', 'reactivate', 'deactivate'] as const) {
    if (permitted(c.principal, action) && STATUS_CHANGES[action]!.from === target.status && !statusBlock(target, c.account, c.principal, action, c.accounts)) {
      out.push(action);
    }
  }
  if (permitted(c.principal, 'reset-password') && target.status !== 'Inactive') out.push('reset-password');
  return out;
}

/** Actions the caller's permissions allow in this status that a rule blocks, with the reason. */
export function blockedActions(target: Account, c: Caller): { action: UserAction; reason: string }[] {
  const out: { action: UserAction; reason: string }[] = [];
  if (target.id === c.account.id && assignable(target, c).length) out.push({ action: 'assign-role', reason: OWN_ROLES });
  for (const action of ['activate', 'reactivate', 'deactivate'] as const) {
    if (!permitted(c.principal, action) || STATUS_CHANGES[action]!.from !== target.status) continue;
    const block = statusBlock(target, c.account, c.principal, action, c.accounts);
    if (block) out.push({ action, reason: block.reason });
  }
  return out;
}
