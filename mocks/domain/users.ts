/**
 * Rules of User Administration: which actions a caller may take on a PRIME user account, the status
 * each action needs (DOMAIN §3.3: Registered → Active by activate; Active → Inactive by deactivate;
 * Inactive → Active by reactivate), and the lock-out rule (nobody removes their own last role granting
 * User Administration or Admin, nor deactivates themselves). Roles and rights come from the rights
 * model; nothing here compares role names.
 */
import { can, DEFAULT_ROLES, effectiveRights, findRole, ROLES, type Permission, type Principal, type Right } from '../../src/access/model';
import type { UserAction, UserStatus } from '../../src/api/types';
import type { Account } from '../db/seed';

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

/** Rights whose loss would lock an administrator out of administering (the lock-out rule). */
const ADMINISTRATIVE_RIGHTS: readonly Right[] = ['User Administration', 'Admin'];

export const versionOf = (a: Account) => a.version ?? 1;

export function permitted(principal: Principal, action: UserAction): boolean {
  return ACTION_PERMISSIONS[action].some((p) => can(principal, p));
}

/** Why the caller may not de-assign `roleId` from `target` (their own last administrative role), or null. */
export function deassignBlock(target: Account, caller: Account, roleId: string): string | null {
  if (target.id !== caller.id) return null;
  const before = effectiveRights(target.roles);
  const after = effectiveRights(target.roles.filter((r) => r !== roleId));
  const lost = ADMINISTRATIVE_RIGHTS.filter((r) => before.includes(r) && !after.includes(r));
  if (!lost.length) return null;
  return `This is your last role granting ${lost.join(' and ')}; removing it would lock you out. Ask another administrator.`;
}

/** Why the caller may not take a status action on `target` now, or null. */
export function statusBlock(target: Account, caller: Account, action: UserAction): string | null {
  if (action === 'deactivate' && target.id === caller.id) return 'You cannot deactivate your own account; ask another administrator.';
  return null;
}

/**
 * Roles the caller may assign to the account now: never a system role (Batch sync), never one it
 * holds, and none while it is Inactive (reactivation would withdraw them again).
 */
export function assignableRoles(target: Account, principal: Principal) {
  if (!permitted(principal, 'assign-role') || target.status === 'Inactive') return [];
  return ROLES.filter((r) => r.assignableToPerson && !target.roles.includes(r.id)).map((r) => ({ id: r.id, name: r.name }));
}

/** Roles the caller may de-assign from the account now. */
export function deassignableRoles(target: Account, caller: Account, principal: Principal): string[] {
  if (!permitted(principal, 'de-assign-role')) return [];
  return target.roles.filter((r) => findRole(r)?.assignableToPerson !== false && !deassignBlock(target, caller, r));
}

/** Exactly what the caller may do with the account now. */
export function userActions(target: Account, caller: Account, principal: Principal): UserAction[] {
  const out: UserAction[] = [];
  if (assignableRoles(target, principal).length) out.push('assign-role');
  if (deassignableRoles(target, caller, principal).length) out.push('de-assign-role');
  for (const action of ['activate', 'reactivate', 'deactivate'] as const) {
    if (permitted(principal, action) && STATUS_CHANGES[action]!.from === target.status && !statusBlock(target, caller, action)) out.push(action);
  }
  if (permitted(principal, 'reset-password') && target.status !== 'Inactive') out.push('reset-password');
  return out;
}

/** Actions the caller's permissions allow in this status that a rule blocks, with the reason. */
export function blockedActions(target: Account, caller: Account, principal: Principal): { action: UserAction; reason: string }[] {
  const out: { action: UserAction; reason: string }[] = [];
  for (const action of ['activate', 'reactivate', 'deactivate'] as const) {
    if (!permitted(principal, action) || STATUS_CHANGES[action]!.from !== target.status) continue;
    const reason = statusBlock(target, caller, action);
    if (reason) out.push({ action, reason });
  }
  return out;
}
