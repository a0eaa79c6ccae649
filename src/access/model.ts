/**
 * The rights model of PRIME, taken from the standard-roles documentation page (the seed) and the
 * Digital ID roles page. This module is the single source: the route guard, the navigation, action
 * buttons and the mock backend all ask it. Nothing else compares role names.
 *
 * Two levels:
 * - rights gate whole views (Explorer and Designer rights, plus Self-Service and Digital ID, which
 *   follow from the self-service and Digital ID officer roles);
 * - permissions gate single actions, one per action named in a role's description.
 */
import { ALL_RIGHTS, DESIGNER_RIGHTS, EXPLORER_RIGHTS, PERMISSIONS, ROLES, type Permission, type Right, type RoleDefinition } from './roles';

export * from './roles';

const ROLE_BY_ID = new Map(ROLES.map((r) => [r.id, r]));

export function findRole(id: string): RoleDefinition | undefined {
  return ROLE_BY_ID.get(id);
}

/** The view rights one role grants, with Explorer/Designer `All` expanded. */
export function rightsOfRole(r: RoleDefinition): Right[] {
  const out: Right[] = [];
  if (r.explorer === 'All') out.push(...EXPLORER_RIGHTS);
  else if (r.explorer !== 'No') out.push(...r.explorer);
  if (r.designer === 'All') out.push(...DESIGNER_RIGHTS);
  else if (r.designer !== 'No') out.push(...r.designer);
  if (r.kind === 'self-service') out.push('Self-Service');
  if (r.kind === 'digital-id-officer') out.push('Digital ID');
  return out;
}

/** Effective rights: the union over the roles, in a stable order. Unknown role ids grant nothing. */
export function effectiveRights(roleIds: readonly string[]): Right[] {
  const held = new Set<Right>();
  for (const id of roleIds) {
    const r = ROLE_BY_ID.get(id);
    if (r) for (const right of rightsOfRole(r)) held.add(right);
  }
  return ALL_RIGHTS.filter((r) => held.has(r));
}

/** Effective permissions: the union over the roles, in a stable order. Deny by default. */
export function effectivePermissions(roleIds: readonly string[]): Permission[] {
  const held = new Set<Permission>();
  for (const id of roleIds) {
    const r = ROLE_BY_ID.get(id);
    if (r) for (const p of r.permissions) held.add(p);
  }
  return PERMISSIONS.filter((p) => held.has(p));
}

/** What the access checks need to know of a principal. */
export interface Principal {
  rights: readonly Right[];
  permissions: readonly Permission[];
}

export function principalOf(roleIds: readonly string[]): Principal {
  return { rights: effectiveRights(roleIds), permissions: effectivePermissions(roleIds) };
}

export function hasRight(p: Principal | null | undefined, right: Right): boolean {
  return !!p && p.rights.includes(right);
}

export function can(p: Principal | null | undefined, permission: Permission): boolean {
  return !!p && p.permissions.includes(permission);
}

/** A role set may sign in interactively only when every role allows it (Batch sync never does). */
export function mayUseInteractiveSignIn(roleIds: readonly string[]): boolean {
  return roleIds.length > 0 && roleIds.every((id) => ROLE_BY_ID.get(id)?.interactiveSignIn !== false);
}

/** Whether a role may be assigned to a person's account (Batch sync may not). */
export function isAssignableToPerson(roleId: string): boolean {
  return ROLE_BY_ID.get(roleId)?.assignableToPerson === true;
}

/** Requirement of a view: signed in, or a right. Required on every route. */
export type Requirement = { signedIn: true } | { right: Right };

export function meets(p: Principal | null | undefined, req: Requirement): boolean {
  if (!p) return false;
  return 'right' in req ? hasRight(p, req.right) : true;
}
