/**
 * Digital ID demo data: a dozen servers in every state and their certificates (Valid, Revoked,
 * Expired, awaiting installation, waiting for approval). Some requests come from the
 * `server-administrator` persona, so the `server-certificate-approver` persona has work, and one
 * server names that approver as responsible, so separation of duties shows.
 */
import type { Person } from '../../src/api/types';
import type { ServerCertificateRecord, ServerRecord } from '../domain/digitalId';
import { SERVER_CERTIFICATE_DAYS } from '../domain/digitalId';
import { PERSONAS } from './personas';
import { createRandom } from './prng';
import type { Table } from './table';

/** The part of the store this seeding reads and fills. */
export interface DigitalIdSeedDb {
  persons: Table<Person>;
  accounts: Table<{ id: string; username: string; personId: string }>;
  servers: Table<ServerRecord>;
  serverCertificates: Table<ServerCertificateRecord>;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

type ServerSeed = [cn: string, sanDns: string[], sanIps: string[], location: string, status: ServerRecord['status'], by: 'admin' | 'staff', responsibles: ('admin' | 'approver' | 'staff')[]];
const SERVERS: ServerSeed[] = [
  ['intranet.nordvik.example', ['www.intranet.nordvik.example'], ['10.10.1.10'], 'Stockholm data centre, rack B4', 'Approved', 'admin', ['admin']],
  ['mail.nordvik.example', ['smtp.nordvik.example', 'imap.nordvik.example'], ['10.10.2.20', '2001:db8:10::20'], 'Stockholm data centre, rack A1', 'Approved', 'staff', ['staff', 'admin']],
  ['vpn.nordvik.example', [], ['192.0.2.44'], 'Gothenburg office, server room', 'Approved', 'staff', ['staff']],
  ['sso.nordvik.example', ['login.nordvik.example'], [], 'Cloud region eu-north-1', 'Approved', 'admin', ['admin']],
  ['*.apps.nordvik.example', ['apps.nordvik.example'], [], 'Cloud region eu-north-1', 'Approved', 'admin', ['admin', 'staff']],
  ['hr-portal.nordvik.example', [], ['10.10.3.15'], 'Stockholm data centre, rack C2', 'Approved', 'staff', ['staff']],
  ['build.nordvik.example', ['ci.nordvik.example'], ['10.10.4.5'], 'Malmö office, lab', 'Approved', 'staff', ['staff']],
  ['legacy-erp.nordvik.example', [], ['10.10.9.9'], 'Stockholm data centre, rack D7', 'Rejected', 'staff', ['staff']],
  ['test-lab.nordvik.example', ['lab.nordvik.example'], [], 'Malmö office, lab', 'Rejected', 'admin', ['admin']],
  ['wiki.nordvik.example', ['docs.nordvik.example'], ['10.10.5.30'], 'Stockholm data centre, rack B2', 'Pending approval', 'admin', ['admin']],
  ['monitoring.nordvik.example', [], ['10.10.6.2'], 'Stockholm data centre, rack A3', 'Pending approval', 'staff', ['staff', 'approver']],
  ['files.nordvik.example', ['share.nordvik.example'], ['10.10.7.7'], 'Gothenburg office, server room', 'Pending approval', 'staff', ['staff']],
];

type CertSeed = [server: number, status: ServerCertificateRecord['status'], format: ServerCertificateRecord['format'], by: 'admin' | 'staff', installed: boolean, revocationReason?: string];
const CERTIFICATES: CertSeed[] = [
  [0, 'Valid', 'pkcs10', 'admin', true],
  [1, 'Revoked', 'pkcs10', 'staff', true, 'Superseded'],
  [1, 'Valid', 'pkcs10', 'staff', true],
  [2, 'Expired', 'pkcs12', 'staff', true],
  [2, 'Valid', 'pkcs12', 'staff', true],
  [3, 'Valid', 'pkcs10', 'admin', false],
  [4, 'Pending approval', 'pkcs10', 'admin', false],
  [5, 'Pending approval', 'pkcs12', 'staff', false],
  [6, 'Rejected', 'pkcs10', 'staff', false],
  [6, 'Valid', 'pkcs10', 'staff', false],
  [0, 'Pending approval', 'pkcs12', 'admin', false],
];

export function seedDigitalId(db: DigitalIdSeedDb, seed: number, baseTime: number): void {
  const rnd = createRandom(seed);
  const personOf = (username: string) => db.accounts.find((a) => a.username === username)?.personId ?? db.persons.all()[0]!.id;
  const admin = personOf('server-administrator');
  const approver = personOf('server-certificate-approver');
  // Other IT staff of the organisation (after the personas), so not every request is the persona's.
  const staff: string[] = [];
  const all = db.persons.all();
  for (let i = PERSONAS.length; i < all.length && staff.length < 6; i++) {
    const p = all[i]!;
    if (p.type === 'employee' && p.status === 'Active' && p.orgUnit === 'IT Operations') staff.push(p.id);
  }
  if (!staff.length) staff.push(admin);
  const who = (w: 'admin' | 'approver' | 'staff', k: number) => (w === 'admin' ? admin : w === 'approver' ? approver : staff[k % staff.length]!);
  const serial = () => Array.from({ length: 16 }, () => rnd.int(0, 255).toString(16).padStart(2, '0')).join('');

  SERVERS.forEach(([commonName, sanDns, sanIps, location, status, by, responsibles], i) => {
    const createdAt = baseTime - (400 - i * 25) * DAY - rnd.int(0, 80_000) * 1000;
    const decided = status !== 'Pending approval';
    db.servers.put({
      id: `srv-${String(i + 1).padStart(4, '0')}`,
      commonName,
      sanDns,
      sanIps,
      location,
      responsibleIds: [...new Set(responsibles.map((r, k) => who(r, i + k)))],
      status,
      requestedById: who(by, i),
      createdAt: iso(createdAt),
      decidedById: decided ? approver : null,
      decidedAt: decided ? iso(createdAt + rnd.int(1, 3) * DAY) : null,
      rejectReason: status === 'Rejected' ? 'Server not known' : null,
      version: decided ? 2 : 1,
    });
  });

  CERTIFICATES.forEach(([s, status, format, by, installed, revocationReason], i) => {
    const server = db.servers.get(`srv-${String(s + 1).padStart(4, '0')}`)!;
    const issued = status === 'Valid' || status === 'Revoked' || status === 'Expired';
    const from = status === 'Expired' ? baseTime - 500 * DAY : status === 'Revoked' ? baseTime - 300 * DAY : baseTime - rnd.int(20, 200) * DAY;
    const createdAt = status === 'Pending approval' ? baseTime - rnd.int(1, 5) * DAY : from - rnd.int(1, 3) * DAY;
    db.serverCertificates.put({
      id: `scert-${String(i + 1).padStart(4, '0')}`,
      serverId: server.id,
      format,
      status,
      commonName: server.commonName,
      sanDns: [...server.sanDns],
      sanIps: [...server.sanIps],
      keyAlgorithm: format === 'pkcs12' ? 'RSA 3072' : rnd.next() < 0.5 ? 'RSA 2048' : 'ECDSA P-256',
      serialNumber: issued ? serial() : null,
      validFrom: issued ? iso(from) : null,
      validTo: issued ? iso(from + SERVER_CERTIFICATE_DAYS * DAY) : null,
      installedAt: issued && installed ? iso(from + rnd.int(1, 4) * DAY) : null,
      requestedById: who(by, i),
      createdAt: iso(createdAt),
      decidedById: status === 'Pending approval' ? null : approver,
      decidedAt: status === 'Pending approval' ? null : iso(createdAt + DAY / 2),
      rejectReason: status === 'Rejected' ? 'Incomplete or wrong information' : null,
      revokedAt: status === 'Revoked' ? iso(baseTime - 20 * DAY) : null,
      revocationReason: revocationReason ?? null,
      renewalOf: null,
      version: status === 'Pending approval' ? 1 : 2,
    });
  });
}
