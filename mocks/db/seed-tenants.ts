/**
 * The second tenant of the demo: Nordvik Labs, a research subsidiary with a small organisation of its
 * own (persons with cards and certificates, open approvals, operators who work only there). Generated
 * after everything else with its own random stream, so no id or value of the default tenant changes.
 */
import type { Card, CardStatus, Person, PersonType } from '../../src/api/types';
import { createRandom } from './prng';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { DEMO_PASSWORD } from './personas';
import type { Db, RequestRecord } from './schema';

export const LABS_TENANT_ID = 'tenant-nordvik-labs';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number, w = 6) => String(n).padStart(w, '0');
const svg = (body: string) => `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${body}</svg>`)}`;

const NORDVIK_LOGO = svg('<rect width="32" height="32" rx="6" fill="#0b4f8a"/><path d="M9 23V9h3l8 9.5V9h3v14h-3l-8-9.5V23z" fill="#fff"/>');
const LABS_LOGO = svg('<circle cx="16" cy="16" r="16" fill="#1d6b45"/><path d="M13 7h6v2h-1v5l5 9a2 2 0 0 1-2 3H11a2 2 0 0 1-2-3l5-9V9h-1z" fill="#fff"/>');

const LAB_UNITS = ['Materials Research', 'Sensor Lab', 'Prototyping', 'Lab Operations'];
/** Operators of the subsidiary: their accounts work in this tenant only. */
const LAB_OPERATORS: { username: string; roles: string[] }[] = [
  { username: 'labs-registration-officer', roles: ['BaseRoleRegistrationOfficer', 'BaseRoleSelfServiceUser'] },
  { username: 'labs-approver', roles: ['BaseRoleOfficer', 'BaseRoleSelfServiceUser'] },
  { username: 'labs-helpdesk', roles: ['BaseRoleHelpdeskOfficer', 'BaseRoleSelfServiceUser'] },
];
const PERSONS = 40;

/** The seed's constants come in as arguments, as seed.ts calls this (no import cycle). */
export interface TenantSeedContext {
  demoSeed: number;
  baseTime: number;
  defaultTenantId: string;
}

export function seedTenants(db: Db, { demoSeed, baseTime: BASE_TIME, defaultTenantId }: TenantSeedContext): void {
  const rnd = createRandom(demoSeed + 2);
  const nordvik = db.tenants.get(defaultTenantId);
  if (nordvik) db.tenants.put({ ...nordvik, logo: NORDVIK_LOGO });
  db.tenants.put({
    id: LABS_TENANT_ID,
    name: 'Nordvik Labs',
    description: 'Nordvik Labs AB, the research subsidiary in Lund. Its own people, cards and operators.',
    logo: LABS_LOGO,
    createdAt: iso(BASE_TIME - 400 * DAY),
    version: 1,
  });

  const used = new Set<string>();
  const addPerson = (type: PersonType, status: Person['status']): Person => {
    const n = db.persons.size + 1;
    let firstName = rnd.pick(FIRST_NAMES);
    let lastName = rnd.pick(LAST_NAMES);
    while (used.has(`${firstName} ${lastName}`)) {
      firstName = rnd.pick(FIRST_NAMES);
      lastName = rnd.pick(LAST_NAMES);
    }
    used.add(`${firstName} ${lastName}`);
    const mail = `${firstName}.${lastName}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ø/g, 'o').replace(/[^a-zA-Z.]/g, '').toLowerCase();
    const person: Person = {
      id: `p-${pad(n)}`,
      personalId: `L${pad(n, 6)}`,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      email: `${mail}@nordviklabs.example`,
      orgUnit: type === 'visitor' ? 'Visitors' : rnd.pick(LAB_UNITS),
      organization: type === 'contractor' ? 'Lund Instrument Service AB' : type === 'visitor' ? 'Lund University' : 'Nordvik Labs AB',
      type,
      status,
      createdAt: iso(BASE_TIME - rnd.int(10, 400) * DAY),
      version: 1,
      tenantId: LABS_TENANT_ID,
    };
    db.persons.put(person);
    return person;
  };
  const addCard = (person: Person, status: CardStatus): Card => {
    const n = db.cards.size + 1;
    const from = BASE_TIME - rnd.int(10, 300) * DAY;
    const card: Card = {
      id: `card-${pad(n)}`,
      number: `NL${pad(700000 + n, 8)}`,
      personId: person.id,
      type: person.type,
      status,
      validFrom: iso(from),
      validTo: iso(from + 3 * 365 * DAY),
      version: 1,
    };
    db.cards.put(card);
    if (status === 'Active' || status === 'Issued' || status === 'Locked') {
      const certStatus = status === 'Active' ? 'Valid' : status === 'Issued' ? 'Issued' : 'Revoked';
      for (const type of (person.type === 'visitor' ? ['authentication'] : ['authentication', 'signature', 'encryption']) as ('authentication' | 'signature' | 'encryption')[]) {
        db.certificates.put({
          id: `cert-${pad(db.certificates.size + 1)}`,
          cardId: card.id,
          personId: person.id,
          type,
          status: certStatus,
          serialNumber: `4c${pad(rnd.int(0, 0xffffff), 8)}${pad(db.certificates.size, 6)}`,
          validTo: card.validTo,
          version: 1,
        });
      }
    }
    return card;
  };

  // The operators first, so they can be the requesters of the open approvals.
  const operators = LAB_OPERATORS.map((o) => {
    const person = addPerson('employee', 'Active');
    addCard(person, 'Active');
    db.accounts.put({
      id: `u-${pad(db.accounts.size + 1, 4)}`,
      username: o.username,
      password: DEMO_PASSWORD,
      personId: person.id,
      roles: o.roles,
      status: 'Active',
      tenantIds: [LABS_TENANT_ID],
    });
    return person;
  });
  const officer = operators[0]!;

  for (let i = operators.length; i < PERSONS; i++) {
    const type = rnd.weighted<PersonType>([['employee', 75], ['contractor', 15], ['visitor', 10]]);
    // A few fixed states, so every tenant has open approvals and a registration to review.
    const registered = i % 13 === 5;
    const person = addPerson(type, registered ? 'Registered' : i % 17 === 3 ? 'Inactive' : 'Active');
    if (registered) {
      db.tasks.put({
        id: `t-${pad(db.tasks.size + 1)}`,
        type: 'registration-review',
        status: 'Open',
        createdAt: person.createdAt,
        requestedById: officer.id,
        subjectId: person.id,
        cardId: null,
        requestId: null,
        approvalsRequired: 1,
        decisions: [],
        version: 1,
      });
      continue;
    }
    const requested = i % 7 === 2 && person.status === 'Active';
    const card = addCard(person, person.status === 'Inactive' ? 'Inactive' : requested ? 'Requested' : rnd.weighted<CardStatus>([['Active', 80], ['Issued', 8], ['Approved', 6], ['Locked', 3], ['Expired', 3]]));
    if (requested) {
      const request: RequestRecord = {
        id: `req-${pad(db.requests.size + 1)}`,
        type: 'card-request',
        status: 'Requested',
        personId: person.id,
        cardId: card.id,
        requestedById: officer.id,
        createdAt: iso(BASE_TIME - rnd.int(0, 10) * DAY - rnd.int(0, 86_000) * 1000),
        version: 1,
      };
      db.requests.put(request);
      db.tasks.put({
        id: `t-${pad(db.tasks.size + 1)}`,
        type: 'card-approval',
        status: 'Open',
        createdAt: request.createdAt,
        requestedById: officer.id,
        subjectId: person.id,
        cardId: card.id,
        requestId: request.id,
        approvalsRequired: person.type === 'contractor' ? 2 : 1,
        decisions: [],
        version: 1,
      });
    }
  }

  // One past production order of the subsidiary.
  const produced = db.cards.filter((c) => c.number.startsWith('NL') && c.status === 'Active').slice(0, 8);
  const createdAt = iso(BASE_TIME - 5 * DAY);
  db.batchOrders.put({
    id: `bo-${pad(db.batchOrders.size + 1, 4)}`,
    type: 'produce-cards',
    status: 'Completed',
    itemCount: produced.length,
    processedCount: produced.length,
    failedCount: 0,
    createdAt,
    createdBy: { id: officer.id, displayName: officer.displayName },
    version: 1,
    items: produced.map((c) => ({ id: c.id, label: c.number, status: 'done' as const, attempts: 1 })),
    startedAt: createdAt,
    finishedAt: createdAt,
    idempotencyKey: null,
    requestHash: null,
    tenantId: LABS_TENANT_ID,
  });
}
