// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type {
  Collection,
  DigitalIdApproval,
  DigitalIdOverview,
  MobileIdUserRow,
  Problem,
  Server,
  ServerCertificate,
  ServerCertificateCreated,
  SoftwareTokenUserRow,
} from '../../src/api/types';
import { contractHarness } from '../contract/harness';
import {
  CSR_BAD_DER,
  CSR_EXTRA_IP,
  CSR_EXTRA_SAN,
  CSR_GARBAGE,
  CSR_GOOD,
  CSR_GOOD_EC,
  CSR_NO_CN,
  CSR_TAMPERED,
  CSR_WEAK_KEY,
  CSR_WRONG_CN,
} from '../fixtures/csr';

const c = contractHarness({ persons: 300 });
const db = () => c.store.db;
const personOf = (username: string) => db().accounts.find((a) => a.username === username)!.personId;

// The Digital ID officer personas and what ACCESS.md says each role does.
const MOBILE = 'mobile-id-administrator';
const TOKEN = 'software-token-administrator';
const APPROVER = 'server-certificate-approver';
const SERVER_ADMIN = 'server-administrator';
const CERT_OFFICER = 'server-certificate-registration-officer';
const OFFICERS = [MOBILE, TOKEN, APPROVER, SERVER_ADMIN, CERT_OFFICER];

/** The portal server the CSR fixtures were made for. */
const PORTAL = {
  commonName: 'portal.nordvik.example',
  sanDns: ['api.portal.nordvik.example'],
  sanIps: ['10.1.2.3', '2001:db8::10'],
  location: 'Stockholm data centre, rack B4',
};

const activeEmployeeWithout = (role: string, type = 'employee') =>
  db().persons.find((p) => p.type === type && p.status === 'Active' && !db().accounts.find((a) => a.personId === p.id && a.roles.includes(role)))!;

async function registerPortal(cookie: string): Promise<Server> {
  const res = await c.call('POST /digital-id/servers', { cookie, body: { ...PORTAL, responsibles: [personOf(SERVER_ADMIN)] } });
  return (await c.expectDocumented('POST /digital-id/servers', res, 201)) as Server;
}

async function approve(cookie: string, id: string, version: number) {
  const res = await c.call('POST /digital-id/approvals/{id}/actions/{decision}', { cookie, path: { id, decision: 'approve' }, headers: { 'If-Match': `"${version}"` } });
  return (await c.expectDocumented('POST /digital-id/approvals/{id}/actions/{decision}', res, 200)) as DigitalIdApproval;
}

/** The portal server, registered by the server administrator and approved. */
async function approvedPortal() {
  const admin = await c.signIn(SERVER_ADMIN);
  const approver = await c.signIn(APPROVER);
  const server = await registerPortal(admin.cookie);
  await approve(approver.cookie, server.id, server.version);
  return { admin, approver, server };
}

async function requestCsr(cookie: string, serverId: string, csr: string, status: number) {
  const res = await c.call('POST /digital-id/server-certificates', { cookie, body: { serverId, format: 'pkcs10', csr } });
  return c.expectDocumented('POST /digital-id/server-certificates', res, status);
}

c.describeAccess(['/digital-id/'], () => ({ personId: 'p-000001', action: 'enable', id: 'srv-0012', decision: 'approve' }));

describe('Digital ID: what each officer role may call (ACCESS.md)', () => {
  /**
   * Per operation, the personas that pass its permission check and a call that changes nothing, with the
   * answer expected for them; everyone else with the right gets 403 naming `permission`.
   */
  const MATRIX: [key: string, allowed: string[], permission: string | null, path: Record<string, string>, allowedStatus: number, extra?: { body?: unknown }][] = [
    ['GET /digital-id/overview', OFFICERS, null, {}, 200],
    ['GET /digital-id/mobile-id-users', [MOBILE], 'mobile-id:enable-user', {}, 200],
    ['POST /digital-id/mobile-id-users/{personId}/actions/{action}', [MOBILE], 'mobile-id:enable-user', { personId: 'p-nobody', action: 'enable' }, 404],
    ['POST /digital-id/mobile-id-users/{personId}/actions/{action}', [MOBILE], 'mobile-id:lock', { personId: 'p-nobody', action: 'lock' }, 404],
    ['GET /digital-id/software-token-users', [TOKEN], 'software-token:enable-user', {}, 200],
    ['POST /digital-id/software-token-users/{personId}/actions/{action}', [TOKEN], 'software-token:enable-user', { personId: 'p-nobody', action: 'enable' }, 404],
    ['POST /digital-id/software-token-users/{personId}/actions/{action}', [TOKEN], 'software-token:start-request', { personId: 'p-nobody', action: 'start-request' }, 404],
    ['GET /digital-id/persons', [SERVER_ADMIN], 'server:register', {}, 200],
    ['GET /digital-id/servers', [APPROVER, SERVER_ADMIN, CERT_OFFICER], 'server:register', {}, 200],
    ['POST /digital-id/servers', [SERVER_ADMIN], 'server:register', {}, 422, { body: {} }],
    ['GET /digital-id/server-certificates', [APPROVER, SERVER_ADMIN, CERT_OFFICER], 'server-certificate:manage', {}, 200],
    ['POST /digital-id/server-certificates', [SERVER_ADMIN], 'server-certificate:request', {}, 422, { body: {} }],
    ['POST /digital-id/server-certificates/{id}/actions/{action}', [CERT_OFFICER], 'server-certificate:manage', { id: 'scert-0001', action: 'revoke' }, 428],
    ['GET /digital-id/approvals', [APPROVER], 'server:approve', {}, 200],
    ['POST /digital-id/approvals/{id}/actions/{decision}', [APPROVER], 'server:approve', { id: 'srv-0012', decision: 'approve' }, 428],
    ['POST /digital-id/approvals/{id}/actions/{decision}', [APPROVER], 'server-certificate:approve', { id: 'scert-0007', decision: 'reject' }, 428],
  ];

  it.each(MATRIX)('%s: %j pass, the other officers get 403 naming the permission', async (key, allowed, permission, path, allowedStatus, extra) => {
    for (const username of OFFICERS) {
      const p = await c.signIn(username);
      const res = await c.call(key, { cookie: p.cookie, path, ...(extra ?? {}) });
      if (allowed.includes(username)) await c.expectDocumented(key, res, allowedStatus);
      else {
        const problem = (await c.expectDocumented(key, res, 403)) as Problem;
        expect(problem.missingPermission, username).toBe(permission);
        expect(db().audit.at(-1)).toMatchObject({ actor: username, outcome: 'denied' });
      }
    }
    expect(db().servers.filter((s) => s.status === 'Pending approval').length, 'nothing changed').toBe(3);
  });

  it('answers 422 for query values outside the contract', async () => {
    const cases: [string, string][] = [
      ['GET /digital-id/mobile-id-users', MOBILE],
      ['GET /digital-id/software-token-users', TOKEN],
      ['GET /digital-id/persons', SERVER_ADMIN],
      ['GET /digital-id/servers', SERVER_ADMIN],
      ['GET /digital-id/server-certificates', CERT_OFFICER],
      ['GET /digital-id/approvals', APPROVER],
    ];
    for (const [key, username] of cases) {
      const { cookie } = await c.signIn(username);
      const problem = (await c.expectDocumented(key, await c.call(key, { cookie, query: { pageSize: 0 } }), 422)) as Problem;
      expect(Object.keys(problem.errors ?? {}), key).toEqual(['pageSize']);
    }
    const { cookie } = await c.signIn(CERT_OFFICER);
    for (const key of ['GET /digital-id/servers', 'GET /digital-id/server-certificates']) {
      const problem = (await c.expectDocumented(key, await c.call(key, { cookie, query: { status: 'Sleeping' } }), 422)) as Problem;
      expect(Object.keys(problem.errors ?? {}), key).toEqual(['status']);
    }
  });
});

describe('Digital ID overview', () => {
  it('counts the seeded servers and certificates', async () => {
    const { cookie } = await c.signIn(APPROVER);
    const o = (await c.expectDocumented('GET /digital-id/overview', await c.call('GET /digital-id/overview', { cookie }), 200)) as DigitalIdOverview;
    expect(o.servers).toBe(db().servers.filter((s) => s.status === 'Approved').length);
    expect(o.pendingServerRegistrations).toBe(3);
    expect(o.pendingServerCertificateRequests).toBe(o.serverCertificates['Pending approval']);
    expect(o.pendingServerCertificateRequests).toBeGreaterThan(0);
    expect(o.serverCertificates.Valid + o.serverCertificates.Revoked + o.serverCertificates.Expired).toBeGreaterThan(2);
    expect(o.certificatesAwaitingInstallation).toBeGreaterThan(0);
  });
});

describe('Mobile ID administrator', () => {
  const key = 'POST /digital-id/mobile-id-users/{personId}/actions/{action}';

  it('finds persons with q, paged, with their mobile IDs and the actions allowed', async () => {
    const { cookie } = await c.signIn(MOBILE);
    const holder = db().persons.get(personOf('mobile-id-user'))!;
    const page = (await c.expectDocumented('GET /digital-id/mobile-id-users', await c.call('GET /digital-id/mobile-id-users', { cookie, query: { q: holder.lastName, pageSize: 5 } }), 200)) as Collection<MobileIdUserRow>;
    const row = page.items.find((r) => r.person.id === holder.id)!;
    expect(row).toMatchObject({ mobileIdUser: true, account: { username: 'mobile-id-user' } });
    expect(row.mobileIds.map((m) => m.status)).toContain('Active');
    expect([...row.allowedActions].sort()).toEqual(['disable', 'lock']);
    expect(row.lockReasons.length).toBeGreaterThan(0);
    const all = (await c.expectDocumented('GET /digital-id/mobile-id-users', await c.call('GET /digital-id/mobile-id-users', { cookie, query: { pageSize: 10 } }), 200)) as Collection<MobileIdUserRow>;
    expect(all.items).toHaveLength(10);
    expect(all.total, 'the persons of the default tenant').toBe(db().persons.filter((p) => (p.tenantId ?? 'tenant-nordvik') === 'tenant-nordvik').length);
  });

  it('enables a person without an account (creating one without a password), refuses a second enable, and disables', async () => {
    const { cookie } = await c.signIn(MOBILE);
    const person = db().persons.find((p) => p.status === 'Active' && !db().accounts.find((a) => a.personId === p.id))!;
    const row = (await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: person.id, action: 'enable' } }), 200)) as MobileIdUserRow;
    expect(row).toMatchObject({ mobileIdUser: true, allowedActions: ['disable'] });
    const account = db().accounts.find((a) => a.personId === person.id)!;
    expect(account).toMatchObject({ roles: ['PcmRolePersonalMobileUser'], password: '' });
    expect(db().audit.at(-1)).toMatchObject({ actor: MOBILE, action: 'digital-id.mobile-id.enable', outcome: 'success' });
    const again = (await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: person.id, action: 'enable' } }), 409)) as Problem;
    expect(again.detail).toMatch(/already enabled/);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: person.id, action: 'disable' } }), 200);
    expect(db().accounts.find((a) => a.personId === person.id)!.roles).toEqual([]);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: person.id, action: 'disable' } }), 409);
  });

  it('refuses to enable a person who is not active, naming the state', async () => {
    const { cookie } = await c.signIn(MOBILE);
    const person = db().persons.find((p) => p.status === 'Inactive')!;
    const problem = (await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: person.id, action: 'enable' } }), 409)) as Problem;
    expect(problem.currentStatus).toBe('Inactive');
  });

  it('locks an active mobile ID with a reason from the list; Locked is final', async () => {
    const { cookie } = await c.signIn(MOBILE);
    const personId = personOf('mobile-id-user');
    const path = { personId, action: 'lock' };
    const missing = (await c.expectDocumented(key, await c.call(key, { cookie, path, body: {} }), 422)) as Problem;
    expect(missing.errors?.reason).toMatch(/Device lost/);
    await c.expectDocumented(key, await c.call(key, { cookie, path, body: { reason: 'Bored' } }), 422);
    await c.expectDocumented(key, await c.call(key, { cookie, path, body: 'not json' }), 422);
    const active = db().credentials.filter((x) => x.personId === personId && x.kind === 'mobile-id' && x.status === 'Active').map((x) => x.id);
    expect(active.length).toBeGreaterThan(0);
    const row = (await c.expectDocumented(key, await c.call(key, { cookie, path, body: { reason: 'Device lost' } }), 200)) as MobileIdUserRow;
    expect(row.mobileIds.filter((m) => active.includes(m.id)).map((m) => m.status)).toEqual(active.map(() => 'Locked'));
    expect(row.mobileIds.some((m) => m.status === 'Active')).toBe(false);
    expect(row.allowedActions).not.toContain('lock');
    const credential = db().credentials.get(active[0]!)!;
    expect(db().history.find((h) => h.objectId === credential.id && h.action === 'lock')).toMatchObject({ before: 'Active', after: 'Locked', reason: 'Device lost' });
    const again = (await c.expectDocumented(key, await c.call(key, { cookie, path, body: { reason: 'Device lost' } }), 409)) as Problem;
    expect(again.currentStatus).toBe('Locked');
  });

  it('answers 404 for an unknown action', async () => {
    const { cookie } = await c.signIn(MOBILE);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: personOf('mobile-id-user'), action: 'explode' } }), 404);
  });
});

describe('Software token administrator', () => {
  const key = 'POST /digital-id/software-token-users/{personId}/actions/{action}';

  it('enables an active employee and starts a software token request (Registered), once at a time', async () => {
    const { cookie } = await c.signIn(TOKEN);
    const person = activeEmployeeWithout('PstmRoleSelfServiceUser');
    const early = (await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: person.id, action: 'start-request' } }), 409)) as Problem;
    expect(early.detail).toMatch(/enable them first/);
    const enabled = (await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: person.id, action: 'enable' } }), 200)) as SoftwareTokenUserRow;
    expect(enabled).toMatchObject({ softwareTokenUser: true, allowedActions: ['start-request'] });
    const started = (await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: person.id, action: 'start-request' } }), 201)) as SoftwareTokenUserRow;
    expect(started.softwareTokens.filter((t) => t.status === 'Registered')).toHaveLength(1);
    expect(started.allowedActions).toEqual([]);
    expect(db().audit.at(-1)).toMatchObject({ action: 'digital-id.software-token.start-request', outcome: 'success' });
    await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: person.id, action: 'start-request' } }), 409);
    const list = (await c.expectDocumented('GET /digital-id/software-token-users', await c.call('GET /digital-id/software-token-users', { cookie, query: { q: person.personalId } }), 200)) as Collection<SoftwareTokenUserRow>;
    expect(list.items.map((r) => r.person.id)).toEqual([person.id]);
  });

  it('refuses contractors and persons who are not active', async () => {
    const { cookie } = await c.signIn(TOKEN);
    const contractor = activeEmployeeWithout('PstmRoleSelfServiceUser', 'contractor');
    const problem = (await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: contractor.id, action: 'enable' } }), 409)) as Problem;
    expect(problem.detail).toMatch(/employees only/);
    const inactive = db().persons.find((p) => p.status === 'Locked')!;
    expect(((await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: inactive.id, action: 'enable' } }), 409)) as Problem).currentStatus).toBe('Locked');
    await c.expectDocumented(key, await c.call(key, { cookie, path: { personId: contractor.id, action: 'explode' } }), 404);
  });
});

describe('Server administrator: servers', () => {
  it('registers a server waiting for approval, and finds it', async () => {
    const { cookie } = await c.signIn(SERVER_ADMIN);
    const server = await registerPortal(cookie);
    expect(server).toMatchObject({ status: 'Pending approval', commonName: PORTAL.commonName, requestedBy: { id: personOf(SERVER_ADMIN) }, allowedActions: [] });
    expect(db().audit.at(-1)).toMatchObject({ action: 'digital-id.server.register', outcome: 'success' });
    const list = (await c.expectDocumented('GET /digital-id/servers', await c.call('GET /digital-id/servers', { cookie, query: { q: 'portal', status: 'Pending approval' } }), 200)) as Collection<Server>;
    expect(list.items.map((s) => s.id)).toEqual([server.id]);
    const dup = (await c.expectDocumented('POST /digital-id/servers', await c.call('POST /digital-id/servers', { cookie, body: { ...PORTAL, responsibles: [personOf(SERVER_ADMIN)] } }), 422)) as Problem;
    expect(dup.errors?.commonName).toMatch(/already registered/);
  });

  it('refuses bad names, addresses and responsibles with a message per field, registering nothing', async () => {
    const { cookie } = await c.signIn(SERVER_ADMIN);
    const before = db().servers.size;
    const inactive = db().persons.find((p) => p.status === 'Inactive')!;
    const res = await c.call('POST /digital-id/servers', {
      cookie,
      body: {
        commonName: 'not a name',
        sanDns: ['ok.nordvik.example', 'www.*.nordvik.example', 'OK.nordvik.example', 'localhost'],
        sanIps: ['10.0.0.256', '2001:db8::1', '2001:0db8:0:0:0:0:0:1', 'fe80::1::2'],
        location: '',
        responsibles: ['p-nobody', inactive.id],
      },
    });
    const problem = (await c.expectDocumented('POST /digital-id/servers', res, 422)) as Problem;
    expect(problem.errors).toEqual({
      commonName: expect.stringMatching(/not a valid DNS name|fully qualified/),
      'sanDns[1]': expect.stringMatching(/wildcard/),
      'sanDns[2]': expect.stringMatching(/listed twice/),
      'sanDns[3]': expect.stringMatching(/fully qualified/),
      'sanIps[0]': expect.stringMatching(/not a valid IPv4 or IPv6/),
      'sanIps[2]': expect.stringMatching(/listed twice/),
      'sanIps[3]': expect.stringMatching(/not a valid IPv4 or IPv6/),
      location: expect.any(String),
      'responsibles[0]': expect.stringMatching(/no person/),
      'responsibles[1]': expect.stringMatching(/must be active/),
    });
    const three = (await c.expectDocumented('POST /digital-id/servers', await c.call('POST /digital-id/servers', { cookie, body: { ...PORTAL, responsibles: [] } }), 422)) as Problem;
    expect(three.errors?.responsibles).toMatch(/one or two/);
    await c.expectDocumented('POST /digital-id/servers', await c.call('POST /digital-id/servers', { cookie, body: '{oops' }), 422);
    expect(db().servers.size).toBe(before);
  });

  it('accepts a wildcard as the leftmost label and picks responsibles from active persons', async () => {
    const { cookie } = await c.signIn(SERVER_ADMIN);
    const found = (await c.expectDocumented('GET /digital-id/persons', await c.call('GET /digital-id/persons', { cookie, query: { q: 'haugen' } }), 200)) as Collection<{ id: string; status: string }>;
    expect(found.items.map((p) => p.id)).toContain(personOf(SERVER_ADMIN));
    expect(found.items.every((p) => p.status === 'Active')).toBe(true);
    const res = await c.call('POST /digital-id/servers', { cookie, body: { commonName: '*.shop.nordvik.example', sanDns: [], sanIps: [], location: 'Cloud', responsibles: [personOf(SERVER_ADMIN), personOf(APPROVER)] } });
    expect(((await c.expectDocumented('POST /digital-id/servers', res, 201)) as Server).responsibles).toHaveLength(2);
  });
});

describe('Server administrator: certificate requests', () => {
  const key = 'POST /digital-id/server-certificates';

  it('accepts a PKCS#10 request whose CSR fits the server (RSA and ECDSA), waiting for approval', async () => {
    const { admin, server } = await approvedPortal();
    const rsa = (await requestCsr(admin.cookie, server.id, CSR_GOOD, 201)) as ServerCertificateCreated;
    expect(rsa.p12Password).toBeNull();
    expect(rsa.certificate).toMatchObject({ status: 'Pending approval', format: 'pkcs10', commonName: PORTAL.commonName, keyAlgorithm: 'RSA 2048', serialNumber: null });
    expect(rsa.certificate.sanDns).toEqual(['portal.nordvik.example', 'api.portal.nordvik.example']);
    expect(rsa.certificate.sanIps).toHaveLength(2);
    const ec = (await requestCsr(admin.cookie, server.id, CSR_GOOD_EC, 201)) as ServerCertificateCreated;
    expect(ec.certificate.keyAlgorithm).toBe('ECDSA P-256');
  });

  it.each([
    ['a wrong common name', CSR_WRONG_CN, "The CSR's common name www.example.com is not this server's common name portal.nordvik.example."],
    ['an extra SAN DNS name', CSR_EXTRA_SAN, 'The CSR names www.example.com, which is not a name of this server.'],
    ['an extra SAN IP address', CSR_EXTRA_IP, 'The CSR names the IP address 10.9.9.9, which is not an address of this server.'],
    ['no common name', CSR_NO_CN, 'The CSR has no common name (CN); it must be portal.nordvik.example.'],
    ['a changed request', CSR_TAMPERED, "The CSR's signature does not verify: the request was changed after it was signed, or not signed with its own key."],
    ['a short RSA key', CSR_WEAK_KEY, "The CSR's RSA key has 1024 bits; at least 2048 are needed."],
    ['garbage', CSR_GARBAGE, /not a PEM-encoded PKCS#10 request/],
    ['PEM around bytes that are not a CSR', CSR_BAD_DER, /does not hold a valid PKCS#10 structure/],
  ])('refuses %s with a clear message in errors.csr, requesting nothing', async (_, csr, message) => {
    const { admin, server } = await approvedPortal();
    const before = db().serverCertificates.size;
    const problem = (await requestCsr(admin.cookie, server.id, csr, 422)) as Problem;
    if (typeof message === 'string') expect(problem.errors?.csr).toBe(message);
    else expect(problem.errors?.csr).toMatch(message);
    expect(db().serverCertificates.size).toBe(before);
    expect(db().audit.at(-1)).toMatchObject({ action: 'digital-id.server-certificate.request', outcome: 'failed' });
  });

  it('answers a PKCS#12 request with its password once, and never stores it', async () => {
    const { cookie } = await c.signIn(SERVER_ADMIN);
    const server = db().servers.find((s) => s.status === 'Approved')!;
    const created = (await c.expectDocumented(key, await c.call(key, { cookie, body: { serverId: server.id, format: 'pkcs12' } }), 201)) as ServerCertificateCreated;
    expect(created.p12Password).toMatch(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}-[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/);
    expect(created.certificate).toMatchObject({ format: 'pkcs12', status: 'Pending approval', sanDns: server.sanDns });
    expect(JSON.stringify(db().serverCertificates.get(created.certificate.id))).not.toContain(created.p12Password!);
    const list = await c.call('GET /digital-id/server-certificates', { cookie, query: { serverId: server.id } });
    expect(await list.text()).not.toContain(created.p12Password!);
  });

  it('refuses a server waiting for approval (409 naming its state) and bad bodies (422 per field)', async () => {
    const { cookie } = await c.signIn(SERVER_ADMIN);
    const pending = db().servers.find((s) => s.status === 'Pending approval')!;
    const problem = (await c.expectDocumented(key, await c.call(key, { cookie, body: { serverId: pending.id, format: 'pkcs12' } }), 409)) as Problem;
    expect(problem.currentStatus).toBe('Pending approval');
    const bad = (await c.expectDocumented(key, await c.call(key, { cookie, body: { serverId: 'srv-nope', format: 'pkcs11' } }), 422)) as Problem;
    expect(Object.keys(bad.errors ?? {}).sort()).toEqual(['format', 'serverId']);
    const noCsr = (await c.expectDocumented(key, await c.call(key, { cookie, body: { serverId: pending.id, format: 'pkcs10' } }), 422)) as Problem;
    expect(noCsr.errors?.csr).toMatch(/Paste or upload/);
  });
});

describe('Server certificate approver: the queue and separation of duties', () => {
  const key = 'POST /digital-id/approvals/{id}/actions/{decision}';

  it('lists pending registrations and requests oldest first, blocking the ones the approver may not decide', async () => {
    const { cookie } = await c.signIn(APPROVER);
    const page = (await c.expectDocumented('GET /digital-id/approvals', await c.call('GET /digital-id/approvals', { cookie, query: { pageSize: 200 } }), 200)) as Collection<DigitalIdApproval>;
    const pendingCount = db().servers.filter((s) => s.status === 'Pending approval').length + db().serverCertificates.filter((s) => s.status === 'Pending approval').length;
    expect(page.total).toBe(pendingCount);
    const times = page.items.map((a) => a.createdAt);
    expect(times).toEqual([...times].sort());
    const byAdmin = page.items.filter((a) => a.requestedBy.id === personOf(SERVER_ADMIN) && a.allowedActions.length === 2);
    expect(byAdmin.length, 'the server administrator persona asked for something the approver may decide').toBeGreaterThan(0);
    const blocked = page.items.find((a) => a.blockedBecause === 'responsible')!;
    expect(blocked).toMatchObject({ allowedActions: [], rejectReasons: [] });
    expect(blocked.server.responsibles.map((r) => r.id)).toContain(personOf(APPROVER));
  });

  it('refuses to decide a request for a server the approver is responsible for, or their own request (403, audited)', async () => {
    const { cookie } = await c.signIn(APPROVER);
    const mine = db().servers.find((s) => s.status === 'Pending approval' && s.responsibleIds.includes(personOf(APPROVER)))!;
    const problem = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: mine.id, decision: 'approve' }, headers: { 'If-Match': `"${mine.version}"` } }), 403)) as Problem;
    expect(problem.detail).toBe('You are responsible for this server; another approver must decide it.');
    expect(db().audit.at(-1)).toMatchObject({ actor: APPROVER, outcome: 'denied', detail: 'separation of duties: responsible' });
    expect(db().servers.get(mine.id)!.status).toBe('Pending approval');

    // A request the approver made (they also hold another role, say): the same refusal.
    const cert = db().serverCertificates.find((x) => x.status === 'Pending approval')!;
    c.store.put('serverCertificates', { ...cert, requestedById: personOf(APPROVER) });
    const own = (await c.expectDocumented(key, await c.call(key, { cookie, path: { id: cert.id, decision: 'reject' }, headers: { 'If-Match': `"${cert.version}"` }, body: { reason: 'Duplicate request' } }), 403)) as Problem;
    expect(own.detail).toBe('You made this request; another approver must decide it.');
    expect(db().serverCertificates.get(cert.id)!.status).toBe('Pending approval');
  });

  it('approves a certificate request: the certificate is issued, Valid, awaiting installation', async () => {
    const { admin, approver, server } = await approvedPortal();
    const { certificate } = (await requestCsr(admin.cookie, server.id, CSR_GOOD, 201)) as ServerCertificateCreated;
    const decided = await approve(approver.cookie, certificate.id, certificate.version);
    expect(decided).toMatchObject({ kind: 'server-certificate', allowedActions: [], certificate: { status: 'Valid', installedAt: null, decidedBy: { id: personOf(APPROVER) } } });
    expect(decided.certificate!.serialNumber).toMatch(/^[0-9a-f]{32}$/);
    expect(db().audit.at(-1)).toMatchObject({ action: 'digital-id.approval.approve', outcome: 'success', actor: APPROVER });
    // Decided already: 409 naming the state; an old version: 412.
    const again = (await c.expectDocumented(key, await c.call(key, { cookie: approver.cookie, path: { id: certificate.id, decision: 'reject' }, headers: { 'If-Match': `"${decided.version}"` }, body: { reason: 'Duplicate request' } }), 409)) as Problem;
    expect(again.currentStatus).toBe('Valid');
    const stale = (await c.expectDocumented(key, await c.call(key, { cookie: approver.cookie, path: { id: certificate.id, decision: 'approve' }, headers: { 'If-Match': '"1"' } }), 412)) as Problem;
    expect(stale.currentVersion).toBe(decided.version);
  });

  it('rejects with a reason from the list only; 428 without If-Match; 404 for unknown ids and decisions', async () => {
    const { cookie } = await c.signIn(APPROVER);
    const server = db().servers.find((s) => s.status === 'Pending approval' && !s.responsibleIds.includes(personOf(APPROVER)))!;
    const path = { id: server.id, decision: 'reject' };
    const ifMatch = { 'If-Match': `"${server.version}"` };
    await c.expectDocumented(key, await c.call(key, { cookie, path }), 428);
    const missing = (await c.expectDocumented(key, await c.call(key, { cookie, path, headers: ifMatch, body: {} }), 422)) as Problem;
    expect(missing.errors?.reason).toMatch(/Duplicate request/);
    const done = (await c.expectDocumented(key, await c.call(key, { cookie, path, headers: ifMatch, body: { reason: 'Duplicate request' } }), 200)) as DigitalIdApproval;
    expect(done.server).toMatchObject({ status: 'Rejected', rejectReason: 'Duplicate request' });
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: 'srv-nope', decision: 'approve' } }), 404);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: server.id, decision: 'postpone' } }), 404);
  });
});

describe('Server certificate registration officer', () => {
  const key = 'POST /digital-id/server-certificates/{id}/actions/{action}';
  const valid = () => db().serverCertificates.find((x) => x.status === 'Valid' && x.installedAt !== null)!;

  it('lists certificates with the actions allowed, and revokes with a reason from the list', async () => {
    const { cookie } = await c.signIn(CERT_OFFICER);
    const list = (await c.expectDocumented('GET /digital-id/server-certificates', await c.call('GET /digital-id/server-certificates', { cookie, query: { status: 'Valid' } }), 200)) as Collection<ServerCertificate>;
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) expect(item.allowedActions).toContain('revoke');
    const cert = valid();
    const path = { id: cert.id, action: 'revoke' };
    const ifMatch = { 'If-Match': `"${cert.version}"` };
    await c.expectDocumented(key, await c.call(key, { cookie, path, body: { reason: 'Key compromise' } }), 428);
    const noReason = (await c.expectDocumented(key, await c.call(key, { cookie, path, headers: ifMatch, body: {} }), 422)) as Problem;
    expect(noReason.errors?.reason).toMatch(/Key compromise/);
    const revoked = (await c.expectDocumented(key, await c.call(key, { cookie, path, headers: ifMatch, body: { reason: 'Key compromise' } }), 200)) as ServerCertificate;
    expect(revoked).toMatchObject({ status: 'Revoked', revocationReason: 'Key compromise', allowedActions: [] });
    expect(db().audit.at(-1)).toMatchObject({ action: 'digital-id.server-certificate.revoke', outcome: 'success' });
    const again = (await c.expectDocumented(key, await c.call(key, { cookie, path, headers: { 'If-Match': `"${revoked.version}"` }, body: { reason: 'Key compromise' } }), 409)) as Problem;
    expect(again.currentStatus).toBe('Revoked');
    await c.expectDocumented(key, await c.call(key, { cookie, path, headers: ifMatch, body: { reason: 'Key compromise' } }), 412);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: 'scert-nope', action: 'revoke' } }), 404);
    await c.expectDocumented(key, await c.call(key, { cookie, path: { id: cert.id, action: 'explode' } }), 404);
  });

  it('renews (a new request, once), and confirms the installation of the renewal, locking the old certificate', async () => {
    const officer = await c.signIn(CERT_OFFICER);
    const approver = await c.signIn(APPROVER);
    const old = db().serverCertificates.find((x) => x.status === 'Valid' && x.installedAt !== null && x.format === 'pkcs12')!;
    const renewed = (await c.expectDocumented(key, await c.call(key, { cookie: officer.cookie, path: { id: old.id, action: 'renew' }, headers: { 'If-Match': `"${old.version}"` } }), 201)) as ServerCertificateCreated;
    expect(renewed.certificate).toMatchObject({ status: 'Pending approval', renewalOf: old.id, commonName: old.commonName });
    expect(renewed.p12Password).toEqual(expect.any(String));
    const twice = (await c.expectDocumented(key, await c.call(key, { cookie: officer.cookie, path: { id: old.id, action: 'renew' }, headers: { 'If-Match': `"${old.version}"` } }), 409)) as Problem;
    expect(twice.detail).toMatch(/already waiting/);
    const issued = await approve(approver.cookie, renewed.certificate.id, renewed.certificate.version);
    const path = { id: renewed.certificate.id, action: 'confirm-installation' };
    const confirmed = (await c.expectDocumented(key, await c.call(key, { cookie: officer.cookie, path, headers: { 'If-Match': `"${issued.version}"` }, body: { lockPrevious: true } }), 200)) as ServerCertificate;
    expect(confirmed.installedAt).not.toBeNull();
    expect(confirmed.allowedActions).not.toContain('confirm-installation');
    expect(db().serverCertificates.get(old.id)).toMatchObject({ status: 'Revoked', revocationReason: 'Superseded' });
    await c.expectDocumented(key, await c.call(key, { cookie: officer.cookie, path, headers: { 'If-Match': `"${confirmed.version}"` } }), 409);
  });
});

c.describeStatusCoverage(['/digital-id/']);
