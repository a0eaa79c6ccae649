/**
 * The demo personas and what each must see, written down as literal data from /work/shared/ACCESS.md
 * ("Views and the right each needs", "Expected main navigation per role", "Demo personas").
 * Deliberately NOT derived from src/access or src/app/routes: these tables are what the app is
 * checked against.
 */

export const DEMO_PASSWORD = 'demo';

/** A nav label, which is also the h1 of its view. */
export type ViewLabel =
  | 'Extended Search'
  | 'Open Tasks'
  | 'Batch Orders'
  | 'Admin'
  | 'Roles'
  | 'User Administration'
  | 'Self-Service'
  | 'Digital ID';

export interface Persona {
  username: string;
  /** The person record's name, shown in the header (and on Self-Service). */
  displayName: string;
  /** Role names as shown in the header, in the account's order. */
  roles: string[];
  /** The Main navigation besides "Start" (ACCESS.md, "Expected main navigation per role"). */
  nav: ViewLabel[];
}

export const PERSONAS: readonly Persona[] = [
  { username: 'bootstrap-administrator', displayName: 'Greta Lindqvist', roles: ['Bootstrap administrator'], nav: ['Admin', 'Roles', 'User Administration'] },
  { username: 'policy-administrator', displayName: 'Henrik Sjöberg', roles: ['Policy administrator'], nav: ['Roles', 'User Administration'] },
  { username: 'service-administrator', displayName: 'Mikko Virtanen', roles: ['Service administrator'], nav: ['Admin'] },
  { username: 'registration-officer', displayName: 'Karin Nyström', roles: ['Registration officer'], nav: ['Extended Search', 'Open Tasks', 'Batch Orders', 'Admin'] },
  { username: 'approver', displayName: 'Lars Engström', roles: ['Approver'], nav: ['Open Tasks'] },
  { username: 'card-production-administrator', displayName: 'Sofia Åberg', roles: ['Card production administrator'], nav: ['Extended Search', 'Batch Orders'] },
  { username: 'issuing-authority', displayName: 'Johan Holmqvist', roles: ['Issuing authority'], nav: ['Extended Search'] },
  { username: 'user-administrator', displayName: 'Mette Jensen', roles: ['User administrator'], nav: ['Extended Search', 'Roles', 'User Administration'] },
  { username: 'helpdesk', displayName: 'Oskar Wallin', roles: ['Helpdesk'], nav: ['Extended Search', 'Open Tasks'] },
  { username: 'self-service-user', displayName: 'Elin Forsberg', roles: ['Self-service user'], nav: ['Self-Service'] },
  { username: 'self-service-visitor', displayName: 'Pierre Dubois', roles: ['Self-service visitor'], nav: ['Self-Service'] },
  { username: 'mobile-id-user', displayName: 'Aino Korhonen', roles: ['Mobile ID user'], nav: ['Self-Service'] },
  { username: 'mobile-id-administrator', displayName: 'Rasmus Nielsen', roles: ['Mobile ID administrator'], nav: ['Digital ID'] },
  { username: 'software-token-administrator', displayName: 'Ingrid Bakken', roles: ['Software token administrator'], nav: ['Digital ID'] },
  { username: 'software-token-user', displayName: 'Tomasz Nowak', roles: ['Software token user'], nav: ['Self-Service'] },
  { username: 'virtual-smart-card-user', displayName: 'Linnea Sandberg', roles: ['Virtual smart card user'], nav: ['Self-Service'] },
  { username: 'server-certificate-approver', displayName: 'Anders Lundgren', roles: ['Server certificate approver'], nav: ['Digital ID'] },
  { username: 'server-administrator', displayName: 'Solveig Haugen', roles: ['Server administrator'], nav: ['Digital ID'] },
  { username: 'server-certificate-registration-officer', displayName: 'Marco Rossi', roles: ['Server certificate registration officer'], nav: ['Digital ID'] },
  { username: 'multi-role', displayName: 'Maja Bengtsson', roles: ['Approver', 'Card production administrator'], nav: ['Extended Search', 'Open Tasks', 'Batch Orders'] },
  // Batch Orders (Explorer All) with role assignment (User administrator): Edit roles orders.
  {
    username: 'role-batch-officer',
    displayName: 'Nils Ekholm',
    roles: ['Registration officer', 'User administrator'],
    nav: ['Extended Search', 'Open Tasks', 'Batch Orders', 'Admin', 'Roles', 'User Administration'],
  },
];

export function persona(username: string): Persona {
  const p = PERSONAS.find((x) => x.username === username);
  if (!p) throw new Error(`No persona ${username} in e2e/support/personas.ts`);
  return p;
}

/**
 * Open Tasks per persona that may open it, made explicit from the demo seed (mocks/db/seed.ts) with the
 * suite's 2,000 generated persons (e2e/support/test.ts) and the task rule (mocks/domain/tasks.ts: a task
 * is listed to whoever holds the permission that decides it; only Open and Postponed tasks are listed):
 * - card approvals (seeded for every card in state Requested: 110) need card:approve-production → Approver;
 * - registration reviews (seeded for every person in state Registered: 87) need person:register → Registration officer;
 * - PRIME user activations (seeded for the inactive operator accounts: 6) need prime-user:activate → Helpdesk.
 * The seed yields tasks of every kind, so no persona with Open Tasks sees the empty state.
 * `types` are the task type labels every listed row must have; `count` is the result count shown.
 */
export const EXPECTED_TASKS: Readonly<Record<string, { types: string[]; count: number } | 'empty'>> = {
  'registration-officer': { types: ['Complete registration'], count: 87 },
  approver: { types: ['Card approval'], count: 110 },
  helpdesk: { types: ['Activate PRIME user'], count: 6 },
  'multi-role': { types: ['Card approval'], count: 110 },
  'role-batch-officer': { types: ['Complete registration'], count: 87 },
};

/**
 * The demo organisation's persons: the generated ones plus one person per demo account
 * (mocks/db/personas.ts: one per role, batch-sync included, plus multi-role and role-batch-officer).
 */
export const DEMO_ACCOUNT_PERSONS = 22;
