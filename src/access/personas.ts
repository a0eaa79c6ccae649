import { ROLES } from './model';

/** Demo accounts: one per role, the username being the role's name in kebab-case; password `demo`. */
export interface DemoAccount {
  username: string;
  roles: string[];
}

export const toKebab = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  ...ROLES.map((r) => ({ username: toKebab(r.name), roles: [r.id] })),
  // Shows that rights add up: Approver + Card production administrator.
  { username: 'multi-role', roles: ['BaseRoleOfficer', 'BaseRoleProductionAdmin'] },
  // Batch Orders (Registration officer) and role assignment (User administrator): Edit roles orders.
  { username: 'role-batch-officer', roles: ['BaseRoleRegistrationOfficer', 'BaseRoleUserAdmin'] },
];

/**
 * Accounts whose person is generated after the rest of the organisation, so that adding one shifts no
 * id of the generated persons, cards or certificates.
 */
export const LATE_ACCOUNTS: ReadonlySet<string> = new Set(['role-batch-officer']);
