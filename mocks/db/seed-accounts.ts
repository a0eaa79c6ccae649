/**
 * Operator accounts beyond the personas, for User Administration: some not active yet (imported and
 * never activated) or deactivated, each of those with its activation task. Draws from the main stream.
 */
import type { UserStatus } from '../../src/api/types';
import { DEMO_PASSWORD, PERSONAS } from './personas';
import type { Random } from './prng';
import { BASE_TIME, type Account, type Db } from './schema';
import { asciiMail, DAY, iso, pad } from './seed-util';

export function seedOperatorAccounts(db: Db, rnd: Random, requestedById: string): void {
  const officerRoles = ['BaseRoleRegistrationOfficer', 'BaseRoleOfficer', 'BaseRoleHelpdeskOfficer', 'BaseRoleIssuingAuthority', 'BaseRoleProductionAdmin'];
  const employees = db.persons.all().slice(PERSONAS.length, PERSONAS.length + 2000).filter((p) => p.type === 'employee' && p.status === 'Active');
  for (let i = 0; i < 40 && i < employees.length; i++) {
    const person = employees[i * 7 % employees.length]!;
    if (db.accounts.find((a) => a.personId === person.id)) continue;
    const roles = [rnd.pick(officerRoles), 'BaseRoleSelfServiceUser'];
    // Not active: imported and never activated (Registered) or deactivated (Inactive); no extra draw, so nothing shifts.
    const status: UserStatus = rnd.next() < 0.15 ? (i % 2 === 0 ? 'Registered' : 'Inactive') : 'Active';
    const account: Account = {
      id: `u-${pad(db.accounts.size + 1, 4)}`,
      username: `${asciiMail(person.firstName)}.${asciiMail(person.lastName)}${i}`,
      password: DEMO_PASSWORD,
      personId: person.id,
      // A deactivated account holds no roles (DOMAIN §3.3).
      roles: status === 'Inactive' ? [] : [...new Set(roles)],
      status,
    };
    db.accounts.put(account);
    if (status !== 'Active') {
      db.tasks.put({
        id: `t-${pad(db.tasks.size + 1)}`,
        type: 'prime-user-activation',
        status: 'Open',
        createdAt: iso(BASE_TIME - rnd.int(0, 10) * DAY),
        requestedById: requestedById,
        subjectId: person.id,
        cardId: null,
        requestId: null,
        approvalsRequired: 1,
        decisions: [],
        version: 1,
      });
    }
  }
}
