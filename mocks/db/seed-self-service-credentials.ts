/**
 * Meeting invitations and the self-service personas' Digital ID credentials. Uses its own random
 * stream and its own id prefixes (`inv-`, `cred-s`, `cert-s`), so nothing here shifts anyone else's data.
 * Visitor workflows are not documented for PRIME; these meetings follow a plausible minimal design.
 */
import type { Certificate, CertificateType, Credential, CredentialStatus, Person } from '../../src/api/types';
import type { InvitationParticipantRecord, InvitationRecord } from '../domain/selfServiceCredentials';
import { createRandom } from './prng';
import type { Db } from './schema';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number, w = 4) => String(n).padStart(w, '0');

const MEETINGS = [
  'Quarterly audit kick-off',
  'Site tour: Nordvik plant',
  'Contract review',
  'Annual audit closing',
  'Security briefing for visitors',
  'Supplier workshop',
  'Project steering group',
  'Lunch seminar: access control',
] as const;
const ROOMS = ['Room Fjord, building A', 'Room Birch, building B', 'Reception, main entrance', 'Board room, floor 5', 'Video call'] as const;

/** The seed's constants come in as arguments, as seed.ts calls this (no import cycle). */
export function seedSelfServiceCredentials(db: Db, { demoSeed, baseTime }: { demoSeed: number; baseTime: number }): void {
  const rnd = createRandom(demoSeed + 4);
  const BASE_TIME = baseTime;
  const personOf = (username: string): Person | undefined => {
    const account = db.accounts.find((a) => a.username === username);
    return account ? db.persons.get(account.personId) : undefined;
  };
  // Organisers and fellow participants: active employees of the default tenant, found cheaply at the start.
  const employees: Person[] = [];
  for (const p of db.persons.all()) {
    if (employees.length >= 60) break;
    if (p.type === 'employee' && p.status === 'Active' && !p.tenantId) employees.push(p);
  }
  const visitors = db.persons.filter((p) => p.type === 'visitor' && p.status === 'Active' && !p.tenantId).slice(0, 12);

  let invitations = 0;
  const participant = (p: Person, response: InvitationParticipantRecord['response']): InvitationParticipantRecord => ({
    email: p.email,
    personId: p.id,
    response,
    invitedById: null,
  });
  const addInvitation = (invitee: Person, startMs: number, myResponse: InvitationParticipantRecord['response'], title: string) => {
    const organiser = rnd.pick(employees);
    const others = new Map<string, Person>();
    for (let k = rnd.int(1, 3); others.size < k; ) {
      const p = rnd.pick(employees);
      if (p.id !== organiser.id) others.set(p.id, p);
    }
    const row: InvitationRecord = {
      id: `inv-${pad(++invitations)}`,
      title,
      organiserId: organiser.id,
      location: rnd.pick(ROOMS),
      startsAt: iso(startMs),
      endsAt: iso(startMs + rnd.int(1, 3) * HOUR),
      participants: [
        participant(organiser, 'accepted'),
        participant(invitee, myResponse),
        ...[...others.values()].map((p) => participant(p, rnd.weighted([['accepted', 3], ['pending', 2], ['denied', 1]] as const))),
      ],
      version: 1,
    };
    db.invitations.put(row);
  };

  // The visitor persona: meetings well ahead (so the demo stays usable for a long time), and one that is over.
  const visitor = personOf('self-service-visitor');
  if (visitor && employees.length > 3) {
    const ahead = (days: number) => BASE_TIME + days * DAY + 9 * HOUR;
    addInvitation(visitor, ahead(400), 'pending', MEETINGS[0]);
    addInvitation(visitor, ahead(410), 'accepted', MEETINGS[1]);
    addInvitation(visitor, ahead(420), 'pending', MEETINGS[2]);
    addInvitation(visitor, BASE_TIME - 20 * DAY, 'accepted', MEETINGS[3]);
    addInvitation(visitor, ahead(430), 'denied', MEETINGS[4]);
  }
  // Other visitors' invitations: never visible to the persona.
  if (employees.length > 3) {
    for (const v of visitors) addInvitation(v, BASE_TIME + rnd.int(200, 500) * DAY + 10 * HOUR, rnd.pick(['pending', 'accepted'] as const), rnd.pick(MEETINGS));
  }

  // Certificates of the personas' Digital ID credentials (the base seed gives them none).
  let certs = 0;
  const addCerts = (cred: Credential, types: readonly CertificateType[], status: Certificate['status']) => {
    for (const type of types) {
      db.certificates.put({
        id: `cert-s${pad(++certs)}`,
        cardId: cred.id,
        personId: cred.personId,
        type,
        status,
        serialNumber: rnd.int(0, 0xffffffff).toString(16).padStart(8, '0') + rnd.int(0, 0xffffffff).toString(16).padStart(8, '0'),
        validTo: iso(BASE_TIME + rnd.int(400, 1000) * DAY),
        version: 1,
      });
    }
  };
  const CERTS: Record<Credential['kind'], readonly CertificateType[]> = {
    'mobile-id': ['authentication', 'signature'],
    'virtual-smart-card': ['authentication', 'signature', 'encryption'],
    'software-token': ['authentication', 'encryption'],
  };
  for (const username of ['mobile-id-user', 'software-token-user', 'virtual-smart-card-user']) {
    const person = personOf(username);
    if (!person) continue;
    for (const cred of db.credentials.filter((c) => c.personId === person.id && c.status === 'Active')) {
      addCerts(cred, CERTS[cred.kind], 'Valid');
      if (cred.kind === 'software-token') {
        db.credentialSecrets.put({ id: cred.id, activationCodeHash: null, activationExpiresAt: null, passphraseHash: null, passphraseIssuedAt: cred.createdAt, pinChangedAt: null });
      }
    }
  }

  let creds = 0;
  const addCredential = (person: Person | undefined, kind: Credential['kind'], status: CredentialStatus, label: string) => {
    if (!person) return;
    db.credentials.put({ id: `cred-s${pad(++creds)}`, personId: person.id, kind, label, status, createdAt: iso(BASE_TIME - rnd.int(1, 5) * DAY), version: 1 });
  };
  // A new phone waits for activation; a software token request waits for its holder to accept the terms.
  addCredential(personOf('mobile-id-user'), 'mobile-id', 'Registered', 'Mobile ID (new phone)');
  addCredential(personOf('software-token-user'), 'software-token', 'Registered', 'Software token (e-mail signing)');
}
