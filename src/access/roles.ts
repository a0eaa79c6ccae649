/**
 * The roles table of PRIME, as the standard-roles documentation page (the seed) and the Digital ID
 * roles page give it: the rights that gate views, the permissions that gate actions, and each role
 * with what it grants. Data only; the functions that read it are in model.ts.
 */
import type { Permission as ContractPermission, Right as ContractRight } from '../api/types';

export const EXPLORER_RIGHTS = ['Extended Search', 'Open Tasks', 'Batch Orders', 'Admin'] as const;
export const DESIGNER_RIGHTS = ['Roles', 'User Administration'] as const;
export type ExplorerRight = (typeof EXPLORER_RIGHTS)[number];
export type DesignerRight = (typeof DESIGNER_RIGHTS)[number];
/** Rights that gate views. Self-Service and Digital ID are held through roles, not granted directly. */
export type Right = ExplorerRight | DesignerRight | 'Self-Service' | 'Digital ID';
// The contract names the same rights and permissions (Right, Permission): a name on one side only does not compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rightsAsInContract: Same<Right, ContractRight> = true;
export const ALL_RIGHTS: readonly Right[] = [
  ...EXPLORER_RIGHTS,
  ...DESIGNER_RIGHTS,
  'Self-Service',
  'Digital ID',
];

export const PERMISSIONS = [
  // Bootstrap administrator
  'system:configure',
  // Policy administrator
  'designer:configure',
  // Service administrator
  'service:start',
  'service:stop',
  'service:restart',
  'tenant:create',
  'connector:configure',
  'system-log:read',
  'process:list',
  'process:kill',
  // Registration officer: manages target persons (identities) and their credentials
  'person:register',
  'person:edit',
  'person:deactivate',
  'person:reactivate',
  'person:lock',
  'card:request',
  'card:abort',
  'card:deactivate',
  'card:reactivate',
  'card:lock',
  'card:replace',
  'card:renew',
  'temporary-card:issue',
  'temporary-card:assign',
  'temporary-card:withdraw',
  'temporary-card:lock',
  'certificate:revoke',
  // Approver
  'card:approve-production',
  // Card production administrator
  'card:produce',
  'card:repeat-production',
  // Issuing authority
  'card:activate',
  'card:issue',
  // User administrator
  'user:manage',
  'role:assign',
  'role:deassign',
  // Helpdesk
  'password:reset',
  'prime-user:activate',
  'prime-user:reactivate',
  // Self-service user
  'self:register',
  'self:deregister',
  'self:register-security-password',
  'self:reset-password',
  'self:change-pin',
  'self:unblock-pin',
  'self:renew-card',
  'self:lock-card',
  'self:request-card',
  'self:activate-card',
  // Self-service visitor
  'invitation:respond',
  'invitation:invite-participant',
  // Batch sync
  'identity:synchronise',
  // Mobile ID user
  'self:activate-mobile-id',
  // Mobile ID administrator
  'mobile-id:enable-user',
  'mobile-id:lock',
  // Software token administrator
  'software-token:enable-user',
  'software-token:start-request',
  // Software token user
  'self:request-software-token',
  'self:recover-software-token',
  'self:revoke-software-token',
  // Virtual smart card user
  'self:request-vsc',
  'self:provision-vsc-certificates',
  'self:reset-vsc-pin',
  'self:lock-vsc',
  // Server certificate approver
  'server:approve',
  'server-certificate:approve',
  // Server administrator
  'server:register',
  'server-certificate:request',
  // Server certificate registration officer
  'server-certificate:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
const permissionsAsInContract: Same<Permission, ContractPermission> = true;
void rightsAsInContract;
void permissionsAsInContract;

export type RoleArea = 'PRIME' | 'Digital ID';
/** How a role reaches the console: officer views, self-service pages, Digital ID officer views, or not interactively. */
export type RoleKind = 'officer' | 'self-service' | 'digital-id-officer' | 'system';

export interface RoleDefinition {
  /** Technical reference, the role's name in the API. */
  id: string;
  name: string;
  area: RoleArea;
  kind: RoleKind;
  description: string;
  /** As written in the seed: 'All', 'No' or a list. */
  designer: 'All' | 'No' | readonly DesignerRight[];
  explorer: 'All' | 'No' | readonly ExplorerRight[];
  permissions: readonly Permission[];
  /** Batch sync is a system role: never assigned to a person, no interactive sign-in. */
  assignableToPerson: boolean;
  interactiveSignIn: boolean;
}

const role = (
  r: Omit<RoleDefinition, 'assignableToPerson' | 'interactiveSignIn'> & Partial<RoleDefinition>,
): RoleDefinition => ({ assignableToPerson: true, interactiveSignIn: true, ...r });

export const ROLES: readonly RoleDefinition[] = [
  role({
    id: 'BaseRoleBootstrapAdmin',
    name: 'Bootstrap administrator',
    area: 'PRIME',
    kind: 'officer',
    description: 'Does the initial configuration of PRIME.',
    designer: 'All',
    explorer: ['Admin'],
    permissions: ['system:configure'],
  }),
  role({
    id: 'BaseRolePolicyAdmin',
    name: 'Policy administrator',
    area: 'PRIME',
    kind: 'officer',
    description: 'A user in Designer.',
    designer: 'All',
    explorer: 'No',
    permissions: ['designer:configure'],
  }),
  role({
    id: 'BaseRoleServiceAdmin',
    name: 'Service administrator',
    area: 'PRIME',
    kind: 'officer',
    description:
      'Makes configurations in Explorer: starts, restarts and stops services; creates tenants; configures connectors; audits the system log and the process lists; kills processes.',
    designer: 'No',
    explorer: ['Admin'],
    permissions: [
      'service:start',
      'service:stop',
      'service:restart',
      'tenant:create',
      'connector:configure',
      'system-log:read',
      'process:list',
      'process:kill',
    ],
  }),
  role({
    id: 'BaseRoleRegistrationOfficer',
    name: 'Registration officer',
    area: 'PRIME',
    kind: 'officer',
    description:
      'Manages "target" users and identities, who are targets (or objects) of credential management actions.',
    designer: 'No',
    explorer: 'All',
    // Credential actions on target persons; activate and issue follow the card state table (DOMAIN §3.1);
    // the operator's password reset, single and in batch, is part of managing target users (DOMAIN §4).
    permissions: [
      'password:reset',
      'person:register',
      'person:edit',
      'person:deactivate',
      'person:reactivate',
      'person:lock',
      'card:request',
      'card:abort',
      'card:issue',
      'card:activate',
      'card:deactivate',
      'card:reactivate',
      'card:lock',
      'card:replace',
      'card:renew',
      'temporary-card:issue',
      'temporary-card:assign',
      'temporary-card:withdraw',
      'temporary-card:lock',
      'certificate:revoke',
    ],
  }),
  role({
    id: 'BaseRoleOfficer',
    name: 'Approver',
    area: 'PRIME',
    kind: 'officer',
    description: 'Approves card production.',
    designer: 'No',
    explorer: ['Open Tasks'],
    permissions: ['card:approve-production'],
  }),
  role({
    id: 'BaseRoleProductionAdmin',
    name: 'Card production administrator',
    area: 'PRIME',
    kind: 'officer',
    description: 'Produces cards; repeats production.',
    designer: 'No',
    explorer: ['Extended Search', 'Batch Orders'],
    permissions: ['card:produce', 'card:repeat-production'],
  }),
  role({
    id: 'BaseRoleIssuingAuthority',
    name: 'Issuing authority',
    area: 'PRIME',
    kind: 'officer',
    description: 'Activates and issues card to requester/user.',
    designer: 'No',
    explorer: ['Extended Search'],
    permissions: ['card:activate', 'card:issue'],
  }),
  role({
    id: 'BaseRoleUserAdmin',
    name: 'User administrator',
    area: 'PRIME',
    kind: 'officer',
    description: 'Manages users and identities; assigns and de-assigns roles to users.',
    designer: ['Roles', 'User Administration'],
    explorer: ['Extended Search'],
    permissions: ['user:manage', 'role:assign', 'role:deassign'],
  }),
  role({
    id: 'BaseRoleHelpdeskOfficer',
    name: 'Helpdesk',
    area: 'PRIME',
    kind: 'officer',
    description: 'Resets passwords; activates and reactivates PRIME users.',
    designer: 'No',
    explorer: ['Extended Search', 'Open Tasks'],
    // The leave and lost-card workflows name the Helpdesk beside the registration officer (DOMAIN §1.1, §3.1, §3.3).
    permissions: [
      'password:reset',
      'prime-user:activate',
      'prime-user:reactivate',
      'person:deactivate',
      'person:reactivate',
      'card:deactivate',
      'card:reactivate',
      'card:lock',
    ],
  }),
  role({
    id: 'BaseRoleSelfServiceUser',
    name: 'Self-service user',
    area: 'PRIME',
    kind: 'self-service',
    description:
      'Registers and deregisters herself; registers a security password; resets her own password; changes and unblocks PIN; renews and locks her own card.',
    designer: 'No',
    explorer: 'No',
    // Request and activate own card come from the card state table (DOMAIN §3.1).
    permissions: [
      'self:register',
      'self:deregister',
      'self:register-security-password',
      'self:reset-password',
      'self:change-pin',
      'self:unblock-pin',
      'self:renew-card',
      'self:lock-card',
      'self:request-card',
      'self:activate-card',
    ],
  }),
  role({
    id: 'BaseRoleSelfServiceVisitor',
    name: 'Self-service visitor',
    area: 'PRIME',
    kind: 'self-service',
    description: 'Accepts or denies meeting invitations; invites further participants to an existing meeting.',
    designer: 'No',
    explorer: 'No',
    permissions: ['invitation:respond', 'invitation:invite-participant'],
  }),
  role({
    id: 'BaseRoleBatchSync',
    name: 'Batch sync',
    area: 'PRIME',
    kind: 'system',
    description:
      'Automatic batch synchronisation of identities with external sources such as Active Directory. Cannot be assigned to persons.',
    designer: 'No',
    explorer: 'No',
    permissions: ['identity:synchronise'],
    assignableToPerson: false,
    interactiveSignIn: false,
  }),
  role({
    id: 'PcmRolePersonalMobileUser',
    name: 'Mobile ID user',
    area: 'Digital ID',
    kind: 'self-service',
    description: 'Self-service role for persons to activate their own mobile IDs.',
    designer: 'No',
    explorer: 'No',
    permissions: ['self:activate-mobile-id'],
  }),
  role({
    id: 'PcmRolePersonalMobileOfficer',
    name: 'Mobile ID administrator',
    area: 'Digital ID',
    kind: 'digital-id-officer',
    description: 'Enables users for self-service and locks profiles.',
    designer: 'No',
    explorer: 'No',
    permissions: ['mobile-id:enable-user', 'mobile-id:lock'],
  }),
  role({
    id: 'PstmRoleRegistrationOfficer',
    name: 'Software token administrator',
    area: 'Digital ID',
    kind: 'digital-id-officer',
    description: 'Enables self-service role for employees, and starts software token requests.',
    designer: 'No',
    explorer: 'No',
    permissions: ['software-token:enable-user', 'software-token:start-request'],
  }),
  role({
    id: 'PstmRoleSelfServiceUser',
    name: 'Software token user',
    area: 'Digital ID',
    kind: 'self-service',
    description: 'Self-service role for persons to request, recover and revoke their own software tokens.',
    designer: 'No',
    explorer: 'No',
    permissions: ['self:request-software-token', 'self:recover-software-token', 'self:revoke-software-token'],
  }),
  role({
    id: 'PcmRoleVSCEntitledUser',
    name: 'Virtual smart card user',
    area: 'Digital ID',
    kind: 'self-service',
    description:
      'Self-service role for persons to request, provision certificates, reset PIN and lock their own virtual smart cards.',
    designer: 'No',
    explorer: 'No',
    permissions: ['self:request-vsc', 'self:provision-vsc-certificates', 'self:reset-vsc-pin', 'self:lock-vsc'],
  }),
  role({
    id: 'ScmRoleApproverOfficer',
    name: 'Server certificate approver',
    area: 'Digital ID',
    kind: 'digital-id-officer',
    description: 'Approves server and server certificates requests.',
    designer: 'No',
    explorer: 'No',
    permissions: ['server:approve', 'server-certificate:approve'],
  }),
  role({
    id: 'ScmRoleServerAdministrator',
    name: 'Server administrator',
    area: 'Digital ID',
    kind: 'digital-id-officer',
    description: 'Manages server and server certificates: server registration, server certificate requests.',
    designer: 'No',
    explorer: 'No',
    permissions: ['server:register', 'server-certificate:request'],
  }),
  role({
    id: 'ScmRoleServerRegistrationOfficer',
    name: 'Server certificate registration officer',
    area: 'Digital ID',
    kind: 'digital-id-officer',
    description: 'Manages server certificates.',
    designer: 'No',
    explorer: 'No',
    permissions: ['server-certificate:manage'],
  }),
];

/**
 * The roles a reactivated account gets back (DOMAIN §3.3, S53): deactivation withdraws every role,
 * and reactivation returns only the default one, the Self-Service User role; anything more is
 * assigned again, on purpose, by an administrator.
 */
export const DEFAULT_ROLES: readonly string[] = ['BaseRoleSelfServiceUser'];
