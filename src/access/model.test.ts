import { describe, expect, it } from 'vitest';
import {
  can,
  effectivePermissions,
  effectiveRights,
  findRole,
  isAssignableToPerson,
  mayUseInteractiveSignIn,
  principalOf,
  ROLES,
} from './model';

/*
 * Expected values written from the seed (the standard-roles documentation page of PRIME and the
 * Digital ID roles page), not read from the code's table. Explorer `All` = Extended Search, Open Tasks,
 * Batch Orders, Admin; Designer `All` = Roles, User Administration.
 */
const SEED: Record<string, { name: string; designer: string; explorer: string; views: string[] }> = {
  BaseRoleBootstrapAdmin: { name: 'Bootstrap administrator', designer: 'All', explorer: 'Admin', views: ['Admin', 'Roles', 'User Administration'] },
  BaseRolePolicyAdmin: { name: 'Policy administrator', designer: 'All', explorer: 'No', views: ['Roles', 'User Administration'] },
  BaseRoleServiceAdmin: { name: 'Service administrator', designer: 'No', explorer: 'Admin', views: ['Admin'] },
  BaseRoleRegistrationOfficer: { name: 'Registration officer', designer: 'No', explorer: 'All', views: ['Extended Search', 'Open Tasks', 'Batch Orders', 'Admin'] },
  BaseRoleOfficer: { name: 'Approver', designer: 'No', explorer: 'Open Tasks', views: ['Open Tasks'] },
  BaseRoleProductionAdmin: { name: 'Card production administrator', designer: 'No', explorer: 'Extended Search, Batch Orders', views: ['Extended Search', 'Batch Orders'] },
  BaseRoleIssuingAuthority: { name: 'Issuing authority', designer: 'No', explorer: 'Extended Search', views: ['Extended Search'] },
  BaseRoleUserAdmin: { name: 'User administrator', designer: 'Roles, User Administration', explorer: 'Extended Search', views: ['Extended Search', 'Roles', 'User Administration'] },
  BaseRoleHelpdeskOfficer: { name: 'Helpdesk', designer: 'No', explorer: 'Extended Search, Open Tasks', views: ['Extended Search', 'Open Tasks'] },
  BaseRoleSelfServiceUser: { name: 'Self-service user', designer: 'No', explorer: 'No', views: ['Self-Service'] },
  BaseRoleSelfServiceVisitor: { name: 'Self-service visitor', designer: 'No', explorer: 'No', views: ['Self-Service'] },
  BaseRoleBatchSync: { name: 'Batch sync', designer: 'No', explorer: 'No', views: [] },
  PcmRolePersonalMobileUser: { name: 'Mobile ID user', designer: 'No', explorer: 'No', views: ['Self-Service'] },
  PcmRolePersonalMobileOfficer: { name: 'Mobile ID administrator', designer: 'No', explorer: 'No', views: ['Digital ID'] },
  PstmRoleRegistrationOfficer: { name: 'Software token administrator', designer: 'No', explorer: 'No', views: ['Digital ID'] },
  PstmRoleSelfServiceUser: { name: 'Software token user', designer: 'No', explorer: 'No', views: ['Self-Service'] },
  PcmRoleVSCEntitledUser: { name: 'Virtual smart card user', designer: 'No', explorer: 'No', views: ['Self-Service'] },
  ScmRoleApproverOfficer: { name: 'Server certificate approver', designer: 'No', explorer: 'No', views: ['Digital ID'] },
  ScmRoleServerAdministrator: { name: 'Server administrator', designer: 'No', explorer: 'No', views: ['Digital ID'] },
  ScmRoleServerRegistrationOfficer: { name: 'Server certificate registration officer', designer: 'No', explorer: 'No', views: ['Digital ID'] },
};

/** Actions named in each role's description (seed), as permissions. */
const SEED_PERMISSIONS: Record<string, string[]> = {
  BaseRoleBootstrapAdmin: ['system:configure'],
  BaseRolePolicyAdmin: ['designer:configure'],
  BaseRoleServiceAdmin: ['service:start', 'service:stop', 'service:restart', 'tenant:create', 'connector:configure', 'system-log:read', 'process:list', 'process:kill'],
  BaseRoleRegistrationOfficer: [
    // the operator resets target users' passwords, one by one or in a batch order
    'password:reset',
    'person:register', 'person:edit', 'person:deactivate', 'person:reactivate', 'person:lock', 'card:request', 'card:abort',
    'card:issue', 'card:activate', 'card:deactivate', 'card:reactivate', 'card:lock', 'card:replace', 'card:renew',
    'temporary-card:issue', 'temporary-card:assign', 'temporary-card:withdraw', 'temporary-card:lock', 'certificate:revoke',
  ],
  BaseRoleOfficer: ['card:approve-production'],
  BaseRoleProductionAdmin: ['card:produce', 'card:repeat-production'],
  BaseRoleIssuingAuthority: ['card:activate', 'card:issue'],
  BaseRoleUserAdmin: ['user:manage', 'role:assign', 'role:deassign'],
  BaseRoleHelpdeskOfficer: [
    'password:reset', 'prime-user:activate', 'prime-user:reactivate',
    // leave and lost-card workflows name the Helpdesk beside the registration officer
    'person:deactivate', 'person:reactivate', 'card:deactivate', 'card:reactivate', 'card:lock',
  ],
  BaseRoleSelfServiceUser: [
    'self:register', 'self:deregister', 'self:register-security-password', 'self:reset-password', 'self:change-pin',
    'self:unblock-pin', 'self:renew-card', 'self:lock-card', 'self:request-card', 'self:activate-card',
  ],
  BaseRoleSelfServiceVisitor: ['invitation:respond', 'invitation:invite-participant'],
  BaseRoleBatchSync: ['identity:synchronise'],
  PcmRolePersonalMobileUser: ['self:activate-mobile-id'],
  PcmRolePersonalMobileOfficer: ['mobile-id:enable-user', 'mobile-id:lock'],
  PstmRoleRegistrationOfficer: ['software-token:enable-user', 'software-token:start-request'],
  PstmRoleSelfServiceUser: ['self:request-software-token', 'self:recover-software-token', 'self:revoke-software-token'],
  PcmRoleVSCEntitledUser: ['self:request-vsc', 'self:provision-vsc-certificates', 'self:reset-vsc-pin', 'self:lock-vsc'],
  ScmRoleApproverOfficer: ['server:approve', 'server-certificate:approve'],
  ScmRoleServerAdministrator: ['server:register', 'server-certificate:request'],
  ScmRoleServerRegistrationOfficer: ['server-certificate:manage'],
};

const ALL_VIEWS = ['Extended Search', 'Open Tasks', 'Batch Orders', 'Admin', 'Roles', 'User Administration', 'Self-Service', 'Digital ID'];
const fmt = (v: string | readonly string[]) => (typeof v === 'string' ? v : v.join(', '));

describe('the roles table matches the seed', () => {
  it('has exactly the 12 PRIME standard roles and the 8 Digital ID roles', () => {
    expect(ROLES.map((r) => r.id).sort()).toEqual(Object.keys(SEED).sort());
    expect(ROLES.filter((r) => r.area === 'PRIME')).toHaveLength(12);
    expect(ROLES.filter((r) => r.area === 'Digital ID')).toHaveLength(8);
  });

  for (const [id, seed] of Object.entries(SEED)) {
    describe(`${seed.name} (${id})`, () => {
      const role = findRole(id);
      it('has the seed name and Designer/Explorer rights', () => {
        expect(role?.name).toBe(seed.name);
        expect(fmt(role!.designer)).toBe(seed.designer);
        expect(fmt(role!.explorer)).toBe(seed.explorer);
      });
      for (const view of ALL_VIEWS) {
        const granted = seed.views.includes(view);
        it(`${granted ? 'grants' : 'does not grant'} ${view}`, () => {
          expect(effectiveRights([id]).includes(view as never)).toBe(granted);
        });
      }
      it('grants exactly the permissions its description names', () => {
        expect([...effectivePermissions([id])].sort()).toEqual([...SEED_PERMISSIONS[id]!].sort());
      });
    });
  }
});

describe('effective rights are the union over roles, deny by default', () => {
  it('adds up Approver and Card production administrator', () => {
    const p = principalOf(['BaseRoleOfficer', 'BaseRoleProductionAdmin']);
    expect([...p.rights].sort()).toEqual(['Batch Orders', 'Extended Search', 'Open Tasks']);
    expect(can(p, 'card:approve-production')).toBe(true);
    expect(can(p, 'card:produce')).toBe(true);
    expect(can(p, 'card:lock')).toBe(false);
  });
  it('grants nothing for no roles or unknown roles', () => {
    expect(effectiveRights([])).toEqual([]);
    expect(effectivePermissions(['NoSuchRole', 'BaseRoleAdmin'])).toEqual([]);
    expect(can(null, 'card:lock')).toBe(false);
  });
  it('a view right is not an action permission: an issuing authority may search but not lock', () => {
    const p = principalOf(['BaseRoleIssuingAuthority']);
    expect(p.rights).toContain('Extended Search');
    expect(can(p, 'card:lock')).toBe(false);
    expect(can(p, 'card:activate')).toBe(true);
  });
});

describe('Batch sync', () => {
  it('cannot be assigned to a person', () => {
    expect(isAssignableToPerson('BaseRoleBatchSync')).toBe(false);
    for (const id of Object.keys(SEED).filter((r) => r !== 'BaseRoleBatchSync')) expect(isAssignableToPerson(id)).toBe(true);
  });
  it('cannot sign in interactively, alone or together with another role', () => {
    expect(mayUseInteractiveSignIn(['BaseRoleBatchSync'])).toBe(false);
    expect(mayUseInteractiveSignIn(['BaseRoleBatchSync', 'BaseRoleOfficer'])).toBe(false);
    expect(mayUseInteractiveSignIn(['BaseRoleOfficer'])).toBe(true);
    expect(mayUseInteractiveSignIn([])).toBe(false);
  });
});
