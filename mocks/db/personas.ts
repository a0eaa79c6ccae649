import { DEMO_ACCOUNTS, LATE_ACCOUNTS } from '../../src/access/personas';

/** A demo account: one per role (username = role name in kebab-case), plus batch-sync and multi-role. */
export interface PersonaSeed {
  username: string;
  roles: string[];
  firstName: string;
  lastName: string;
  orgUnit: string;
}

// Fixed names so self-service pages and audit entries show a real person for each persona.
const NAMES: Record<string, [string, string, string]> = {
  BaseRoleBootstrapAdmin: ['Greta', 'Lindqvist', 'IT Operations'],
  BaseRolePolicyAdmin: ['Henrik', 'Sjöberg', 'IT Operations'],
  BaseRoleServiceAdmin: ['Mikko', 'Virtanen', 'IT Operations'],
  BaseRoleRegistrationOfficer: ['Karin', 'Nyström', 'Security Office'],
  BaseRoleOfficer: ['Lars', 'Engström', 'Security Office'],
  BaseRoleProductionAdmin: ['Sofia', 'Åberg', 'Facilities'],
  BaseRoleIssuingAuthority: ['Johan', 'Holmqvist', 'Security Office'],
  BaseRoleUserAdmin: ['Mette', 'Jensen', 'Human Resources'],
  BaseRoleHelpdeskOfficer: ['Oskar', 'Wallin', 'Customer Service'],
  BaseRoleSelfServiceUser: ['Elin', 'Forsberg', 'Finance'],
  BaseRoleSelfServiceVisitor: ['Pierre', 'Dubois', 'Visitors'],
  BaseRoleBatchSync: ['Batch', 'Synchronisation', 'IT Operations'],
  PcmRolePersonalMobileUser: ['Aino', 'Korhonen', 'Sales'],
  PcmRolePersonalMobileOfficer: ['Rasmus', 'Nielsen', 'IT Operations'],
  PstmRoleRegistrationOfficer: ['Ingrid', 'Bakken', 'IT Operations'],
  PstmRoleSelfServiceUser: ['Tomasz', 'Nowak', 'Research and Development'],
  PcmRoleVSCEntitledUser: ['Linnea', 'Sandberg', 'Legal'],
  ScmRoleApproverOfficer: ['Anders', 'Lundgren', 'IT Operations'],
  ScmRoleServerAdministrator: ['Solveig', 'Haugen', 'IT Operations'],
  ScmRoleServerRegistrationOfficer: ['Marco', 'Rossi', 'IT Operations'],
};

/** The names of the accounts with combined roles. */
const COMBINED: Record<string, [string, string, string]> = {
  'multi-role': ['Maja', 'Bengtsson', 'Production'],
  'role-batch-officer': ['Nils', 'Ekholm', 'Human Resources'],
};

const seedOf = ({ username, roles }: { username: string; roles: string[] }): PersonaSeed => {
  const [firstName, lastName, orgUnit] = (roles.length === 1 ? NAMES[roles[0]!] : COMBINED[username]) ?? ['Demo', username, 'IT Operations'];
  return { username, roles, firstName, lastName, orgUnit };
};

/** The personas whose persons come first in the organisation (their ids are fixed whatever its size). */
export const PERSONAS: PersonaSeed[] = DEMO_ACCOUNTS.filter((a) => !LATE_ACCOUNTS.has(a.username)).map(seedOf);
/** The personas added after the generated organisation (see LATE_ACCOUNTS). */
export const LATE_PERSONAS: PersonaSeed[] = DEMO_ACCOUNTS.filter((a) => LATE_ACCOUNTS.has(a.username)).map(seedOf);

export const DEMO_PASSWORD = 'demo';
