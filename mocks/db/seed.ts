import type {
  Card,
  TemporaryCard,
  TemporaryCardStatus,
  CardStatus,
  CertificateStatus,
  Credential,
  CredentialStatus,
  Person,
  PersonStatus,
  PersonType,
} from '../../src/api/types';
import { createRandom } from './prng';
import {
  CONTRACTOR_COMPANIES,
  EMPLOYER,
  FIRST_NAMES,
  LAST_NAMES,
  ORG_UNITS,
  VISITOR_COMPANIES,
} from './names';
import { DEMO_PASSWORD, LATE_PERSONAS, PERSONAS, type PersonaSeed } from './personas';
import { seedOperatorAccounts } from './seed-accounts';
import { seedAdmin } from './seed-admin';
import { seedBatchOrders, seedServices } from './seed-batch-orders';
import { seedTenants } from './seed-tenants';
import { seedSelfService } from './seed-self-service';
import { seedSelfServiceCredentials } from './seed-self-service-credentials';
import { asciiMail, DAY, iso, pad } from './seed-util';
import { Table } from './table';
import { seedDigitalId } from './seed-digital-id';
import { BASE_TIME, DEFAULT_TENANT_ID, DEMO_SEED, type Db, type RequestRecord } from './schema';

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const serial = (rnd: ReturnType<typeof createRandom>) => hex8(rnd.int(0, 0xffffffff)) + hex8(rnd.int(0, 0xffffffff));

export interface SeedOptions {
  persons?: number;
  seed?: number;
}

/** Persons generated between two pauses when the organisation is built without blocking the page. */
const CHUNK = 2500;

export function generateDb(options: SeedOptions = {}): Db {
  const steps = generateSteps(options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Builds the organisation in chunks, yielding to the page between them (no long main-thread task). */
export async function generateDbAsync(options: SeedOptions = {}): Promise<Db> {
  const steps = generateSteps(options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * Builds the organisation at once, telling how many persons are done after each chunk (a worker has
 * no page to yield to, and every yield would only add a timer's delay).
 */
export function generateDbWithProgress(options: SeedOptions, onProgress: (done: number, total: number) => void): Db {
  const steps = generateSteps(options);
  const total = options.persons ?? 2000;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    onProgress(r.value, total);
  }
}

function* generateSteps(options: SeedOptions): Generator<number, Db> {
  const rnd = createRandom(options.seed ?? DEMO_SEED);
  const count = options.persons ?? 2000;
  const db: Db = {
    persons: new Table(),
    cards: new Table(),
    temporaryCards: new Table(),
    requests: new Table(),
    certificates: new Table(),
    credentials: new Table(),
    tasks: new Table(),
    batchOrders: new Table(),
    services: new Table(),
    connectors: new Table(),
    jobs: new Table(),
    syncRuns: new Table(),
    tenants: new Table(),
    accounts: new Table(),
    history: new Table(),
    selfService: new Table(),
    pinStates: new Table(),
    invitations: new Table(),
    credentialSecrets: new Table(),
    sessions: new Map(),
    audit: [],
    servers: new Table(),
    serverCertificates: new Table(),
  };
  const usedMail = new Set<string>();

  const addPerson = (
    firstName: string,
    lastName: string,
    type: PersonType,
    status: PersonStatus,
    orgUnit: string,
    organization: string,
  ): Person => {
    const n = db.persons.size + 1;
    let mail = `${asciiMail(firstName)}.${asciiMail(lastName)}`;
    if (usedMail.has(mail)) mail = `${mail}${n}`;
    usedMail.add(mail);
    const domain = type === 'employee' ? 'nordvik.example' : `${asciiMail(organization).slice(0, 12)}.example`;
    const person: Person = {
      id: `p-${pad(n)}`,
      personalId: `${type === 'employee' ? 'E' : type === 'contractor' ? 'C' : 'V'}${pad(10000 + n, 6)}`,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      email: `${mail}@${domain}`,
      orgUnit,
      organization,
      type,
      status,
      createdAt: iso(BASE_TIME - rnd.int(30, 2000) * DAY),
      version: 1,
    };
    db.persons.put(person);
    return person;
  };

  const addCertificates = (card: Card, status: CertificateStatus) => {
    const types = ['authentication', 'signature', 'encryption'] as const;
    for (const type of types.slice(0, card.type === 'visitor' ? 1 : 3)) {
      db.certificates.put({
        id: `cert-${pad(db.certificates.size + 1)}`,
        cardId: card.id,
        personId: card.personId,
        type,
        status,
        serialNumber: serial(rnd),
        validTo: card.validTo,
        version: 1,
      });
    }
  };

  const certStatusFor: Partial<Record<CardStatus, CertificateStatus>> = {
    Issued: 'Issued',
    Active: 'Valid',
    Inactive: 'On hold',
    Locked: 'Revoked',
    Expired: 'Expired',
  };

  const addCard = (person: Person, status: CardStatus): Card => {
    const n = db.cards.size + 1;
    const from = BASE_TIME - rnd.int(10, 1000) * DAY;
    const validTo = status === 'Expired' ? BASE_TIME - rnd.int(1, 200) * DAY : from + 3 * 365 * DAY;
    const card: Card = {
      id: `card-${pad(n)}`,
      number: `NV${pad(400000 + n, 8)}`,
      personId: person.id,
      type: person.type,
      status,
      validFrom: iso(from),
      validTo: iso(validTo),
      version: 1,
    };
    db.cards.put(card);
    const cs = certStatusFor[status];
    if (cs) addCertificates(card, cs);
    return card;
  };

  const addCredential = (person: Person, kind: Credential['kind'], status: CredentialStatus) => {
    const labels = { 'mobile-id': 'Mobile ID', 'virtual-smart-card': 'Virtual smart card', 'software-token': 'Software token' };
    db.credentials.put({
      id: `cred-${pad(db.credentials.size + 1)}`,
      personId: person.id,
      kind,
      label: `${labels[kind]} ${db.credentials.size + 1}`,
      status,
      createdAt: iso(BASE_TIME - rnd.int(1, 500) * DAY),
      version: 1,
    });
  };

  const addTemporaryCard = (holder: Person | null, status: TemporaryCardStatus) => {
    const n = db.temporaryCards.size + 1;
    const validTo = status === 'Expired' ? BASE_TIME - rnd.int(1, 30) * DAY : BASE_TIME + rnd.int(1, 14) * DAY;
    const temp: TemporaryCard = {
      id: `tmp-${pad(n)}`,
      number: `TC${pad(n, 6)}`,
      personId: holder?.id ?? null,
      status,
      validTo: iso(validTo),
      version: 1,
    };
    db.temporaryCards.put(temp);
    if (holder && status === 'Assigned') {
      db.certificates.put({
        id: `cert-${pad(db.certificates.size + 1)}`,
        cardId: temp.id,
        personId: holder.id,
        type: 'authentication',
        status: 'Valid',
        serialNumber: serial(rnd),
        validTo: temp.validTo,
        version: 1,
      });
    }
  };

  /** A demo account with its person (a realistic name) and an Active card. */
  const addPersona = (p: PersonaSeed) => {
    const isVisitor = p.roles.includes('BaseRoleSelfServiceVisitor');
    const person = addPerson(
      p.firstName,
      p.lastName,
      isVisitor ? 'visitor' : 'employee',
      'Active',
      p.orgUnit,
      isVisitor ? 'Vienna Audit GmbH' : EMPLOYER,
    );
    db.accounts.put({
      id: `u-${pad(db.accounts.size + 1, 4)}`,
      username: p.username,
      password: DEMO_PASSWORD,
      personId: person.id,
      roles: p.roles,
      status: 'Active',
      // The demo personas may sign in to every tenant, so each tenant can be tried with every role.
      tenantIds: ['*'],
    });
    if (!p.roles.includes('BaseRoleBatchSync')) addCard(person, 'Active');
    if (p.roles.includes('PcmRolePersonalMobileUser')) addCredential(person, 'mobile-id', 'Active');
    if (p.roles.includes('PcmRoleVSCEntitledUser')) addCredential(person, 'virtual-smart-card', 'Active');
    if (p.roles.includes('PstmRoleSelfServiceUser')) addCredential(person, 'software-token', 'Active');
  };

  // Persona accounts first, so their ids are stable whatever the organisation's size.
  for (const p of PERSONAS) addPersona(p);

  const cardStates: (readonly [CardStatus, number])[] = [
    ['Active', 60], ['Issued', 6], ['Requested', 6], ['Approved', 5], ['Inactive', 5], ['Locked', 5],
    ['Expired', 5], ['Failed', 2], ['Rejected', 2], ['Aborted', 1], ['Registered', 3],
  ];
  const personaPerson = (username: string) => db.persons.all()[PERSONAS.findIndex((p) => p.username === username)]!;
  const requesters = db.persons.all().slice(0, PERSONAS.length).filter((_, i) => PERSONAS[i]!.roles.includes('BaseRoleRegistrationOfficer'));
  // Other registration officers of the organisation, so most requests are not the demo persona's own.
  const officers: Person[] = [];
  const addRequest = (person: Person, card: Card, status: RequestRecord['status'], requester: Person): RequestRecord => {
    const request: RequestRecord = {
      id: `req-${pad(db.requests.size + 1)}`,
      type: 'card-request',
      status,
      personId: person.id,
      cardId: card.id,
      requestedById: requester.id,
      createdAt: iso(BASE_TIME - rnd.int(0, 20) * DAY - rnd.int(0, 86_000) * 1000),
      version: 1,
    };
    db.requests.put(request);
    return request;
  };

  for (let i = 0; i < count; i++) {
    if (i > 0 && i % CHUNK === 0) yield i;
    const type = rnd.weighted<PersonType>([['employee', 75], ['contractor', 17], ['visitor', 8]]);
    const status = rnd.weighted<PersonStatus>([['Active', 85], ['Inactive', 7], ['Registered', 5], ['Locked', 3]]);
    const organization =
      type === 'employee' ? EMPLOYER : type === 'contractor' ? rnd.pick(CONTRACTOR_COMPANIES) : rnd.pick(VISITOR_COMPANIES);
    const person = addPerson(
      rnd.pick(FIRST_NAMES),
      rnd.pick(LAST_NAMES),
      type,
      status,
      type === 'visitor' ? 'Visitors' : rnd.pick(ORG_UNITS),
      organization,
    );
    if (status === 'Registered') {
      db.tasks.put({
        id: `t-${pad(db.tasks.size + 1)}`,
        type: 'registration-review',
        status: 'Open',
        createdAt: person.createdAt,
        requestedById: personaPerson('batch-sync').id,
        subjectId: person.id,
        cardId: null,
        requestId: null,
        approvalsRequired: 1,
        decisions: [],
        version: 1,
      });
      continue;
    }
    if (type === 'employee' && status === 'Active' && officers.length < 25 && rnd.next() < 0.01) officers.push(person);
    let cardStatus: CardStatus = status === 'Locked' ? 'Locked' : status === 'Inactive' ? 'Inactive' : rnd.weighted(cardStates);
    if (status === 'Active' && cardStatus === 'Inactive') cardStatus = 'Active';
    // A few people carry a temporary card for a forgotten one; their permanent card waits Inactive.
    const forgotten = status === 'Active' && cardStatus === 'Active' && rnd.next() < 0.01;
    if (forgotten) cardStatus = 'Inactive';
    const card = addCard(person, cardStatus);
    const requestStatus: Partial<Record<CardStatus, RequestRecord['status']>> = {
      Requested: 'Requested',
      Approved: 'Approved',
      Rejected: 'Rejected',
      Aborted: 'Aborted',
    };
    const rs = requestStatus[cardStatus];
    if (rs) {
      // Some requests come from the person (self-service), most from a registration officer.
      const requester = rnd.next() < 0.3 ? person : officers.length && rnd.next() < 0.8 ? rnd.pick(officers) : rnd.pick(requesters);
      const request = addRequest(person, card, rs, requester);
      if (rs === 'Requested') {
        db.tasks.put({
          id: `t-${pad(db.tasks.size + 1)}`,
          type: 'card-approval',
          status: rnd.next() < 0.1 ? 'Postponed' : 'Open',
          createdAt: request.createdAt,
          requestedById: requester.id,
          subjectId: person.id,
          cardId: card.id,
          requestId: request.id,
          // Contractors' cards need two approvers.
          approvalsRequired: person.type === 'contractor' ? 2 : 1,
          decisions: [],
          version: 1,
        });
      }
    }
    if (forgotten) addTemporaryCard(person, 'Assigned');
    if (status === 'Active' && type === 'employee') {
      if (rnd.next() < 0.15) addCredential(person, 'mobile-id', rnd.weighted<CredentialStatus>([['Active', 8], ['Inactive', 1], ['Locked', 1]]));
      if (rnd.next() < 0.08) addCredential(person, 'virtual-smart-card', rnd.weighted<CredentialStatus>([['Active', 8], ['Inactive', 1], ['Locked', 1]]));
      if (rnd.next() < 0.1) addCredential(person, 'software-token', rnd.weighted<CredentialStatus>([['Active', 8], ['Locked', 2]]));
    }
  }

  // The pool of temporary cards at the service desk.
  for (let i = 0; i < Math.max(20, Math.floor(count / 200)); i++) {
    addTemporaryCard(null, rnd.weighted<TemporaryCardStatus>([['Unassigned', 8], ['Requested', 1], ['Locked', 1], ['Expired', 1]]));
  }

  seedOperatorAccounts(db, rnd, personaPerson('user-administrator').id);
  seedBatchOrders(db, rnd);
  seedServices(db, rnd);

  db.tenants.put({ id: DEFAULT_TENANT_ID, name: 'Nordvik', description: 'Nordvik AB, all sites', createdAt: iso(BASE_TIME - 2000 * DAY), version: 1 });
  seedAdmin(db, createRandom(DEMO_SEED + 1), BASE_TIME);
  seedSelfServiceCredentials(db, { demoSeed: DEMO_SEED, baseTime: BASE_TIME });
  seedSelfService(db, { demoSeed: DEMO_SEED, baseTime: BASE_TIME });
  seedDigitalId(db, DEMO_SEED + 5, BASE_TIME);
  // Keep last: the second tenant is generated after everything else, so no id of the default tenant changes.
  seedTenants(db, { demoSeed: DEMO_SEED, baseTime: BASE_TIME, defaultTenantId: DEFAULT_TENANT_ID });
  // Personas added later in the product's life: after everything, so they shift no other id.
  for (const p of LATE_PERSONAS) addPersona(p);
  return db;
}
