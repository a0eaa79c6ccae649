// @vitest-environment node
/**
 * API tests of the self-service invitations, mobile IDs, software tokens and virtual smart cards:
 * every answer is checked against openapi/openapi.yaml. Who holds which permission is written from
 * ACCESS.md (the self-service roles), not computed from the rights model. The IDOR suite calls every
 * endpoint with an id that is not the caller's own (another person's, another kind's, unknown) and
 * expects 404 with nothing changed.
 */
import { describe, expect, it } from 'vitest';
import type {
  Collection,
  Invitation,
  MobileIdActivation,
  Problem,
  SelfMobileId,
  SelfSoftwareToken,
  SelfVirtualSmartCard,
  SoftwareTokenPassphrase,
} from '../../src/api/types';
import { contractHarness, type Persona } from '../contract/harness';

const c = contractHarness({ persons: 300 });
const PREFIXES = ['/self-service/invitations', '/self-service/mobile-ids', '/self-service/software-tokens', '/self-service/virtual-smart-cards'];

// From ACCESS.md: the permissions each self-service role names.
const HOLDS: Record<string, string[]> = {
  'self-service-user': [],
  'self-service-visitor': ['invitation:respond', 'invitation:invite-participant'],
  'mobile-id-user': ['self:activate-mobile-id'],
  'software-token-user': ['self:request-software-token', 'self:recover-software-token', 'self:revoke-software-token'],
  'virtual-smart-card-user': ['self:request-vsc', 'self:provision-vsc-certificates', 'self:reset-vsc-pin', 'self:lock-vsc'],
};
const STEP_UP = /step-up-required$/;

const personIdOf = (username: string) => c.store.db.accounts.find((a) => a.username === username)!.personId;
const credentialsOf = (username: string, kind: string) => c.store.db.credentials.filter((x) => x.personId === personIdOf(username) && x.kind === kind);
const ownInvitations = (username: string) => c.store.db.invitations.filter((r) => r.participants.some((p) => p.personId === personIdOf(username)));

/** Calls an action with the object's version in If-Match (unless told otherwise) and checks the answer against the document. */
async function act<T = Problem>(
  key: string,
  p: Persona,
  id: string,
  status: number,
  { version, body, ifMatch }: { version?: number; body?: unknown; ifMatch?: string | null } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  const tag = ifMatch === undefined ? (version === undefined ? undefined : `"${version}"`) : ifMatch;
  if (tag) headers['If-Match'] = tag;
  const res = await c.call(key, { cookie: p.cookie, path: { id }, headers, body });
  return (await c.expectDocumented(key, res, status)) as T;
}
async function list<T>(key: string, p: Persona, status = 200, query?: Record<string, string>): Promise<T> {
  return (await c.expectDocumented(key, await c.call(key, { cookie: p.cookie, query }), status)) as T;
}
const auditOf = (actor: string, action: string) => c.store.db.audit.filter((a) => a.actor === actor && a.action === action);

describe('access', () => {
  c.describeAccess(PREFIXES, () => ({ id: 'cred-000001' }));

  it('answers 403 naming the permission to every self-service persona without it, and lets the holders in', async () => {
    const ops = c.op; // keyed like the document
    const keys = [
      'GET /self-service/invitations', 'POST /self-service/invitations/{id}/actions/accept', 'POST /self-service/invitations/{id}/actions/deny',
      'POST /self-service/invitations/{id}/actions/invite', 'GET /self-service/mobile-ids', 'POST /self-service/mobile-ids',
      'POST /self-service/mobile-ids/{id}/actions/activate', 'POST /self-service/mobile-ids/{id}/actions/confirm', 'GET /self-service/software-tokens',
      'POST /self-service/software-tokens', 'POST /self-service/software-tokens/{id}/actions/accept-terms', 'POST /self-service/software-tokens/{id}/actions/recover',
      'POST /self-service/software-tokens/{id}/actions/revoke', 'GET /self-service/virtual-smart-cards', 'POST /self-service/virtual-smart-cards',
      'POST /self-service/virtual-smart-cards/{id}/actions/provision-certificates', 'POST /self-service/virtual-smart-cards/{id}/actions/reset-pin',
      'POST /self-service/virtual-smart-cards/{id}/actions/lock',
    ];
    for (const [username, perms] of Object.entries(HOLDS)) {
      const p = await c.signIn(username);
      expect(p.session.rights, username).toContain('Self-Service');
      for (const perm of perms) expect(p.session.permissions, username).toContain(perm);
      for (const key of keys) {
        const perm = ops(key).op['x-required-permission'] as string;
        expect(perm, key).toBeTruthy();
        if (perms.includes(perm)) continue;
        const problem = (await c.expectDocumented(key, await c.call(key, { cookie: p.cookie, path: { id: 'cred-000001' }, body: {} }), 403)) as Problem;
        expect(problem.missingPermission, `${username} ${key}`).toBe(perm);
      }
    }
    expect(c.store.db.audit.some((a) => a.actor === 'self-service-user' && a.outcome === 'denied' && a.detail === 'missing permission invitation:respond')).toBe(true);
  });
});

describe('IDOR: another person\'s id, another kind\'s id or an unknown id is 404 on every endpoint, and changes nothing', () => {
  const cases: { key: string; username: string; kind: 'invitation' | 'mobile-id' | 'software-token' | 'virtual-smart-card'; body?: unknown }[] = [
    { key: 'POST /self-service/invitations/{id}/actions/accept', username: 'self-service-visitor', kind: 'invitation' },
    { key: 'POST /self-service/invitations/{id}/actions/deny', username: 'self-service-visitor', kind: 'invitation' },
    { key: 'POST /self-service/invitations/{id}/actions/invite', username: 'self-service-visitor', kind: 'invitation', body: { emails: ['new.person@example.com'] } },
    { key: 'POST /self-service/mobile-ids/{id}/actions/activate', username: 'mobile-id-user', kind: 'mobile-id' },
    { key: 'POST /self-service/mobile-ids/{id}/actions/confirm', username: 'mobile-id-user', kind: 'mobile-id', body: { activationCode: 'ABCD-EFGH' } },
    { key: 'POST /self-service/software-tokens/{id}/actions/accept-terms', username: 'software-token-user', kind: 'software-token', body: { termsAccepted: true } },
    { key: 'POST /self-service/software-tokens/{id}/actions/recover', username: 'software-token-user', kind: 'software-token' },
    { key: 'POST /self-service/software-tokens/{id}/actions/revoke', username: 'software-token-user', kind: 'software-token', body: { currentPassword: 'demo' } },
    { key: 'POST /self-service/virtual-smart-cards/{id}/actions/provision-certificates', username: 'virtual-smart-card-user', kind: 'virtual-smart-card' },
    { key: 'POST /self-service/virtual-smart-cards/{id}/actions/reset-pin', username: 'virtual-smart-card-user', kind: 'virtual-smart-card', body: { currentPassword: 'demo', newPin: '123456' } },
    { key: 'POST /self-service/virtual-smart-cards/{id}/actions/lock', username: 'virtual-smart-card-user', kind: 'virtual-smart-card', body: { currentPassword: 'demo', reason: 'Key compromise' } },
  ];
  it.each(cases)('$key', async ({ key, username, kind, body }) => {
    const p = await c.signIn(username);
    const me = personIdOf(username);
    // Others' objects in every state the action could start from, sent with their right version.
    const others: { id: string; version: number }[] =
      kind === 'invitation'
        ? c.store.db.invitations.filter((r) => !r.participants.some((x) => x.personId === me)).slice(0, 3)
        : [
            ...c.store.db.credentials.filter((x) => x.kind === kind && x.personId !== me && x.status === 'Active').slice(0, 2),
            ...c.store.db.credentials.filter((x) => x.kind === kind && x.personId !== me && x.status !== 'Active').slice(0, 1),
          ];
    expect(others.length, 'the demo data has other people\'s objects of this kind').toBeGreaterThan(0);
    // The caller's own objects of another kind (their card's credential or an invitation) are not this kind.
    const otherKind = [...c.store.db.credentials.filter((x) => x.personId === me && x.kind !== kind), ...ownInvitations(username)].filter((x) =>
      kind === 'invitation' ? !('participants' in x) : true,
    );
    const before = JSON.stringify([c.store.db.credentials.all(), c.store.db.invitations.all(), c.store.db.certificates.all()].map((t) => t.length));
    const stamp = () => others.map((o) => (kind === 'invitation' ? c.store.db.invitations.get(o.id)!.version : c.store.db.credentials.get(o.id)!.version)).join();
    const versions = stamp();
    for (const o of [...others, ...otherKind.slice(0, 2), { id: 'no-such-id', version: 1 }]) {
      const problem = await act(key, p, o.id, 404, { version: o.version, body });
      expect(problem.status).toBe(404);
    }
    expect(stamp()).toBe(versions);
    expect(JSON.stringify([c.store.db.credentials.all(), c.store.db.invitations.all(), c.store.db.certificates.all()].map((t) => t.length))).toBe(before);
    expect(auditOf(username, `self-service.${kind}.${key.split('/').pop()!}`).every((a) => a.outcome === 'denied' && a.tenantId)).toBe(true);
  });

  it('lists only the caller\'s own objects', async () => {
    const pairs: [string, string, string][] = [
      ['GET /self-service/mobile-ids', 'mobile-id-user', 'mobile-id'],
      ['GET /self-service/software-tokens', 'software-token-user', 'software-token'],
      ['GET /self-service/virtual-smart-cards', 'virtual-smart-card-user', 'virtual-smart-card'],
    ];
    for (const [key, username, kind] of pairs) {
      const body = await list<Collection<{ id: string; personId: string }>>(key, await c.signIn(username));
      expect(body.items.length, key).toBeGreaterThan(0);
      expect(body.items.map((x) => x.id).sort()).toEqual(credentialsOf(username, kind).map((x) => x.id).sort());
      expect(body.items.every((x) => x.personId === personIdOf(username))).toBe(true);
    }
    const visitor = await c.signIn('self-service-visitor');
    const invitations = await list<Collection<Invitation>>('GET /self-service/invitations', visitor);
    expect(invitations.items.map((i) => i.id).sort()).toEqual(ownInvitations('self-service-visitor').map((r) => r.id).sort());
    expect(c.store.db.invitations.size).toBeGreaterThan(invitations.total);
  });

  it('answers 404 to an account without a person in the tenant when it asks for a new credential', async () => {
    const keys: [string, string][] = [
      ['POST /self-service/mobile-ids', 'mobile-id-user'],
      ['POST /self-service/software-tokens', 'software-token-user'],
      ['POST /self-service/virtual-smart-cards', 'virtual-smart-card-user'],
    ];
    for (const [key, username] of keys) {
      const p = await c.signIn(username);
      const account = c.store.db.accounts.find((a) => a.username === username)!;
      c.store.put('accounts', { ...account, personId: 'p-unlinked' });
      await c.expectDocumented(key, await c.call(key, { cookie: p.cookie }), 404);
      c.store.put('accounts', account);
    }
  });
});

describe('invitations', () => {
  it('accepts, denies, refuses a second identical answer and keeps the version checks', async () => {
    const p = await c.signIn('self-service-visitor');
    const page = await list<Collection<Invitation>>('GET /self-service/invitations', p);
    expect(page.items.length).toBeGreaterThanOrEqual(4);
    // Upcoming first, the one that is over last.
    expect(page.items.at(-1)!.over).toBe(true);
    expect(page.items.at(-1)!.allowedActions).toEqual([]);
    const pending = page.items.find((i) => i.myResponse === 'pending' && !i.over)!;
    expect(pending.allowedActions).toEqual(['accept', 'deny']);
    const ACCEPT = 'POST /self-service/invitations/{id}/actions/accept';
    const DENY = 'POST /self-service/invitations/{id}/actions/deny';
    await act(ACCEPT, p, pending.id, 428);
    const stale = await act(ACCEPT, p, pending.id, 412, { version: pending.version + 5 });
    expect(stale.currentVersion).toBe(pending.version);
    const accepted = await act<Invitation>(ACCEPT, p, pending.id, 200, { version: pending.version });
    expect(accepted.myResponse).toBe('accepted');
    expect(accepted.version).toBe(pending.version + 1);
    expect(accepted.allowedActions).toEqual(['deny', 'invite']);
    const again = await act(ACCEPT, p, pending.id, 409, { version: accepted.version });
    expect(again.currentStatus).toBe('accepted');
    await act(DENY, p, pending.id, 428);
    await act(DENY, p, pending.id, 412, { version: 1 });
    const denied = await act<Invitation>(DENY, p, pending.id, 200, { version: accepted.version });
    expect(denied.myResponse).toBe('denied');
    expect((await act(DENY, p, pending.id, 409, { version: denied.version })).currentStatus).toBe('denied');
    const over = page.items.find((i) => i.over)!;
    expect((await act(ACCEPT, p, over.id, 409, { version: over.version })).currentStatus).toBe('over');
    expect(auditOf('self-service-visitor', 'self-service.invitation.accept').map((a) => [a.outcome, a.tenantId])).toContainEqual(['success', 'tenant-nordvik']);
    await list('GET /self-service/invitations', p, 422, { pageSize: '0' });
  });

  it('invites participants with validated, unique addresses, only to an accepted meeting that is not over', async () => {
    const p = await c.signIn('self-service-visitor');
    const INVITE = 'POST /self-service/invitations/{id}/actions/invite';
    const page = await list<Collection<Invitation>>('GET /self-service/invitations', p);
    const accepted = page.items.find((i) => i.myResponse === 'accepted' && !i.over)!;
    const notAccepted = page.items.find((i) => i.myResponse !== 'accepted' && !i.over)!;
    const over = page.items.find((i) => i.over)!;
    const existing = accepted.participants.find((x) => x.email !== undefined)!.email;

    await act(INVITE, p, accepted.id, 428, { body: { emails: ['a@example.com'] } });
    await act(INVITE, p, accepted.id, 412, { version: 99, body: { emails: ['a@example.com'] } });
    expect((await act(INVITE, p, notAccepted.id, 409, { version: notAccepted.version, body: { emails: ['a@example.com'] } })).currentStatus).toBe(notAccepted.myResponse);
    expect((await act(INVITE, p, over.id, 409, { version: over.version, body: { emails: ['a@example.com'] } })).currentStatus).toBe('over');

    const bad = await act(INVITE, p, accepted.id, 422, {
      version: accepted.version,
      body: { emails: ['ok.person@example.com', 'not an address', 'OK.Person@example.com', existing.toUpperCase(), ''] },
    });
    expect(Object.keys(bad.errors ?? {}).sort()).toEqual(['emails[1]', 'emails[2]', 'emails[3]', 'emails[4]']);
    expect(bad.errors!['emails[2]']).toMatch(/twice/);
    expect(bad.errors!['emails[3]']).toMatch(/already invited/);
    expect((await act(INVITE, p, accepted.id, 422, { version: accepted.version, body: { emails: [] } })).errors?.emails).toBeTruthy();
    expect((await act(INVITE, p, accepted.id, 422, { version: accepted.version, body: 'not json' })).errors?.body).toBeTruthy();
    expect(c.store.db.invitations.get(accepted.id)!.version).toBe(accepted.version);

    const known = c.store.db.persons.all()[40]!;
    const done = await act<Invitation>(INVITE, p, accepted.id, 200, { version: accepted.version, body: { emails: ['Guest.One@Example.com', known.email] } });
    expect(done.participants).toHaveLength(accepted.participants.length + 2);
    expect(done.participants.slice(-2)).toEqual([
      { email: 'guest.one@example.com', displayName: null, response: 'pending' },
      { email: known.email.toLowerCase(), displayName: known.displayName, response: 'pending' },
    ]);
    expect(auditOf('self-service-visitor', 'self-service.invitation.invite').at(-1)).toMatchObject({ outcome: 'success', tenantId: 'tenant-nordvik' });
  });
});

describe('mobile ID', () => {
  const ACTIVATE = 'POST /self-service/mobile-ids/{id}/actions/activate';
  const CONFIRM = 'POST /self-service/mobile-ids/{id}/actions/confirm';

  it('activates a registered mobile ID with the code of the QR, which expires and is replaced by a new one', async () => {
    const p = await c.signIn('mobile-id-user');
    const mine = await list<Collection<SelfMobileId>>('GET /self-service/mobile-ids', p);
    const registered = mine.items.find((m) => m.status === 'Registered')!;
    const active = mine.items.find((m) => m.status === 'Active')!;
    expect(registered.allowedActions).toEqual(['activate', 'confirm']);
    expect(active.allowedActions).toEqual([]);
    expect(active.certificates.length).toBeGreaterThan(0);
    await list('GET /self-service/mobile-ids', p, 422, { sort: 'secret' });

    // Somebody without a code cannot confirm: nothing was asked for yet.
    expect((await act(CONFIRM, p, registered.id, 409, { version: registered.version, body: { activationCode: 'ABCD-EFGH' } })).type).toBe('/problems/activation-expired');
    await act(ACTIVATE, p, registered.id, 428);
    await act(ACTIVATE, p, registered.id, 412, { version: 7 });
    expect((await act(ACTIVATE, p, active.id, 409, { version: active.version })).currentStatus).toBe('Active');
    const first = await act<MobileIdActivation>(ACTIVATE, p, registered.id, 200, { version: registered.version });
    expect(first.activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(first.qrPayload).toContain(first.activationCode);
    const ttl = Date.parse(first.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(4 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);
    const second = await act<MobileIdActivation>(ACTIVATE, p, registered.id, 200, { version: registered.version });
    expect(second.mobileId.activationExpiresAt).toBe(second.expiresAt);
    // The stored secret is a hash, never the code.
    expect(JSON.stringify(c.store.db.credentialSecrets.get(registered.id))).not.toContain(second.activationCode);

    await act(CONFIRM, p, registered.id, 428, { body: { activationCode: second.activationCode } });
    await act(CONFIRM, p, registered.id, 412, { version: 9, body: { activationCode: second.activationCode } });
    if (first.activationCode !== second.activationCode) {
      expect((await act(CONFIRM, p, registered.id, 422, { version: registered.version, body: { activationCode: first.activationCode } })).errors?.activationCode).toMatch(/not the code/);
    }
    expect((await act(CONFIRM, p, registered.id, 422, { version: registered.version, body: {} })).errors?.activationCode).toBeTruthy();
    const done = await act<SelfMobileId>(CONFIRM, p, registered.id, 200, { version: registered.version, body: { activationCode: second.activationCode.toLowerCase().replace('-', ' ') } });
    expect(done.status).toBe('Active');
    expect(done.certificates.map((x) => [x.type, x.status])).toEqual([['authentication', 'Valid'], ['signature', 'Valid']]);
    expect((await act(CONFIRM, p, registered.id, 409, { version: done.version, body: { activationCode: second.activationCode } })).currentStatus).toBe('Active');
    expect(auditOf('mobile-id-user', 'self-service.mobile-id.confirm').map((a) => [a.outcome, a.tenantId])).toContainEqual(['success', 'tenant-nordvik']);
  });

  it('refuses an expired code with a clear message', async () => {
    const p = await c.signIn('mobile-id-user');
    const registered = credentialsOf('mobile-id-user', 'mobile-id').find((m) => m.status === 'Registered')!;
    const code = await act<MobileIdActivation>(ACTIVATE, p, registered.id, 200, { version: registered.version });
    const secret = c.store.db.credentialSecrets.get(registered.id)!;
    c.store.put('credentialSecrets', { ...secret, activationExpiresAt: new Date(Date.now() - 1000).toISOString() });
    const problem = await act(CONFIRM, p, registered.id, 409, { version: registered.version, body: { activationCode: code.activationCode } });
    expect(problem.detail).toMatch(/expired/);
    expect(c.store.db.credentials.get(registered.id)!.status).toBe('Registered');
  });

  it('gets a new mobile ID only for someone without one that is not locked', async () => {
    const p = await c.signIn('mobile-id-user');
    const NEW = 'POST /self-service/mobile-ids';
    expect(((await c.expectDocumented(NEW, await c.call(NEW, { cookie: p.cookie }), 409)) as Problem).currentStatus).toBeTruthy();
    for (const m of credentialsOf('mobile-id-user', 'mobile-id')) c.store.put('credentials', { ...m, status: 'Locked', version: m.version + 1 });
    const created = (await c.expectDocumented(NEW, await c.call(NEW, { cookie: p.cookie }), 201)) as SelfMobileId;
    expect(created).toMatchObject({ status: 'Registered', kind: 'mobile-id', personId: personIdOf('mobile-id-user'), allowedActions: ['activate', 'confirm'] });
  });
});

describe('software tokens', () => {
  const ACCEPT = 'POST /self-service/software-tokens/{id}/actions/accept-terms';
  const RECOVER = 'POST /self-service/software-tokens/{id}/actions/recover';
  const REVOKE = 'POST /self-service/software-tokens/{id}/actions/revoke';
  const NEW = 'POST /self-service/software-tokens';

  it('accepts the terms of a waiting request, shows the passphrase once, recovers with a new one and revokes with step-up', async () => {
    const p = await c.signIn('software-token-user');
    const mine = await list<Collection<SelfSoftwareToken>>('GET /self-service/software-tokens', p);
    const waiting = mine.items.find((x) => x.status === 'Registered')!;
    expect(waiting.allowedActions).toEqual(['accept-terms']);
    await list('GET /self-service/software-tokens', p, 422, { page: '-1' });
    expect(((await c.expectDocumented(NEW, await c.call(NEW, { cookie: p.cookie }), 409)) as Problem).currentStatus).toBe('Registered');

    await act(ACCEPT, p, waiting.id, 428, { body: { termsAccepted: true } });
    await act(ACCEPT, p, waiting.id, 412, { version: 3, body: { termsAccepted: true } });
    expect((await act(ACCEPT, p, waiting.id, 422, { version: waiting.version, body: {} })).errors?.termsAccepted).toBeTruthy();
    const accepted = await act<SoftwareTokenPassphrase>(ACCEPT, p, waiting.id, 200, { version: waiting.version, body: { termsAccepted: true } });
    expect(accepted.passphrase.length).toBeGreaterThanOrEqual(16);
    expect(accepted.softwareToken).toMatchObject({ status: 'Active', allowedActions: ['recover', 'revoke'] });
    expect(accepted.softwareToken.certificates.map((x) => x.type)).toEqual(['authentication', 'encryption']);
    expect((await act(ACCEPT, p, waiting.id, 409, { version: accepted.softwareToken.version, body: { termsAccepted: true } })).currentStatus).toBe('Active');
    // Never again: not in the list, not in the store.
    const raw = await (await c.call('GET /self-service/software-tokens', { cookie: p.cookie })).text();
    expect(raw).not.toContain(accepted.passphrase);
    expect(JSON.stringify(c.store.db.credentialSecrets.all())).not.toContain(accepted.passphrase);
    expect(raw).toContain('passphraseIssuedAt');

    await act(RECOVER, p, waiting.id, 428);
    await act(RECOVER, p, waiting.id, 412, { version: 1 });
    const recovered = await act<SoftwareTokenPassphrase>(RECOVER, p, waiting.id, 200, { version: accepted.softwareToken.version });
    expect(recovered.passphrase).not.toBe(accepted.passphrase);
    const token = recovered.softwareToken;

    await act(REVOKE, p, waiting.id, 428, { body: { currentPassword: 'demo' } });
    await act(REVOKE, p, waiting.id, 412, { version: 1, body: { currentPassword: 'demo' } });
    const missing = await act(REVOKE, p, waiting.id, 403, { version: token.version, body: {} });
    expect(missing.type).toMatch(STEP_UP);
    expect((await act(REVOKE, p, waiting.id, 403, { version: token.version, body: { currentPassword: 'wrong' } })).type).toMatch(STEP_UP);
    await act(REVOKE, p, waiting.id, 422, { version: token.version, body: '[1' });
    expect(c.store.db.credentials.get(waiting.id)!.status).toBe('Active');
    const revoked = await act<SelfSoftwareToken>(REVOKE, p, waiting.id, 200, { version: token.version, body: { currentPassword: 'demo' } });
    expect(revoked.status).toBe('Locked');
    expect(revoked.certificates.every((x) => x.status === 'Revoked')).toBe(true);
    expect((await act(RECOVER, p, waiting.id, 409, { version: revoked.version })).currentStatus).toBe('Locked');
    expect((await act(REVOKE, p, waiting.id, 409, { version: revoked.version, body: { currentPassword: 'demo' } })).currentStatus).toBe('Locked');
    expect(auditOf('software-token-user', 'self-service.software-token.revoke').map((a) => a.outcome)).toEqual(['failed', 'denied', 'denied', 'success', 'failed']);

    const created = (await c.expectDocumented(NEW, await c.call(NEW, { cookie: p.cookie }), 201)) as SelfSoftwareToken;
    expect(created).toMatchObject({ status: 'Registered', passphraseIssuedAt: null, allowedActions: ['accept-terms'] });
  });
});

describe('virtual smart cards', () => {
  const NEW = 'POST /self-service/virtual-smart-cards';
  const PROVISION = 'POST /self-service/virtual-smart-cards/{id}/actions/provision-certificates';
  const RESET = 'POST /self-service/virtual-smart-cards/{id}/actions/reset-pin';
  const LOCK = 'POST /self-service/virtual-smart-cards/{id}/actions/lock';

  it('requests, provisions, resets the PIN and locks with step-up, keeping the encryption certificate when asked', async () => {
    const p = await c.signIn('virtual-smart-card-user');
    await list('GET /self-service/virtual-smart-cards', p, 422, { sort: 'label:up' });
    const created = (await c.expectDocumented(NEW, await c.call(NEW, { cookie: p.cookie }), 201)) as SelfVirtualSmartCard;
    expect(created).toMatchObject({ status: 'Registered', allowedActions: ['provision-certificates'], certificates: [] });
    expect(((await c.expectDocumented(NEW, await c.call(NEW, { cookie: p.cookie }), 409)) as Problem).currentStatus).toBe('Registered');

    expect((await act(RESET, p, created.id, 409, { version: created.version, body: { currentPassword: 'demo', newPin: '123456' } })).currentStatus).toBe('Registered');
    expect((await act(LOCK, p, created.id, 409, { version: created.version, body: { currentPassword: 'demo', reason: 'Key compromise' } })).currentStatus).toBe('Registered');
    await act(PROVISION, p, created.id, 428);
    await act(PROVISION, p, created.id, 412, { version: 4 });
    const vsc = await act<SelfVirtualSmartCard>(PROVISION, p, created.id, 200, { version: created.version });
    expect(vsc.status).toBe('Active');
    expect(vsc.certificates.map((x) => x.type)).toEqual(['authentication', 'signature', 'encryption']);
    expect((await act(PROVISION, p, created.id, 409, { version: vsc.version })).currentStatus).toBe('Active');

    await act(RESET, p, created.id, 428, { body: { currentPassword: 'demo', newPin: '123456' } });
    await act(RESET, p, created.id, 412, { version: 1, body: { currentPassword: 'demo', newPin: '123456' } });
    expect((await act(RESET, p, created.id, 403, { version: vsc.version, body: { newPin: '123456' } })).type).toMatch(STEP_UP);
    for (const bad of ['12345', '123456789', '12a456', 123456]) {
      expect((await act(RESET, p, created.id, 422, { version: vsc.version, body: { currentPassword: 'demo', newPin: bad } })).errors?.newPin, String(bad)).toBeTruthy();
    }
    const reset = await act<SelfVirtualSmartCard>(RESET, p, created.id, 200, { version: vsc.version, body: { currentPassword: 'demo', newPin: '13572468' } });
    expect(reset.pinChangedAt).not.toBeNull();
    expect(reset.version).toBe(vsc.version + 1);
    expect(JSON.stringify(c.store.db.credentialSecrets.all())).not.toContain('13572468');

    await act(LOCK, p, created.id, 428, { body: { currentPassword: 'demo', reason: 'Key compromise' } });
    await act(LOCK, p, created.id, 412, { version: 1, body: { currentPassword: 'demo', reason: 'Key compromise' } });
    expect((await act(LOCK, p, created.id, 403, { version: reset.version, body: { currentPassword: 'nope', reason: 'Key compromise' } })).type).toMatch(STEP_UP);
    expect((await act(LOCK, p, created.id, 422, { version: reset.version, body: { currentPassword: 'demo', reason: 'Bored' } })).errors?.reason).toBeTruthy();
    const locked = await act<SelfVirtualSmartCard>(LOCK, p, created.id, 200, {
      version: reset.version,
      body: { currentPassword: 'demo', reason: 'Lost or stolen device', keepEncryptionCertificate: true },
    });
    expect(locked.status).toBe('Locked');
    expect(locked.certificates.map((x) => [x.type, x.status])).toEqual([['authentication', 'Revoked'], ['signature', 'Revoked'], ['encryption', 'Valid']]);
    expect(locked.allowedActions).toEqual([]);
    expect((await act(LOCK, p, created.id, 409, { version: locked.version, body: { currentPassword: 'demo', reason: 'Key compromise' } })).currentStatus).toBe('Locked');
    expect(auditOf('virtual-smart-card-user', 'self-service.virtual-smart-card.lock').map((a) => a.outcome)).toEqual(['failed', 'failed', 'denied', 'failed', 'success', 'failed']);
    expect(c.store.db.audit.filter((a) => a.actor === 'virtual-smart-card-user').every((a) => a.tenantId === 'tenant-nordvik')).toBe(true);
    // Extended Search sees the same credential, with its history.
    expect(c.store.db.history.filter((h) => h.objectId === created.id).map((h) => h.action)).toEqual(['request', 'provision-certificates', 'reset-pin', 'lock']);
  });

  it('locks the seeded active card and revokes every certificate by default', async () => {
    const p = await c.signIn('virtual-smart-card-user');
    const mine = await list<Collection<SelfVirtualSmartCard>>('GET /self-service/virtual-smart-cards', p);
    const active = mine.items.find((x) => x.status === 'Active')!;
    expect(active.allowedActions).toEqual(['reset-pin', 'lock']);
    const locked = await act<SelfVirtualSmartCard>(LOCK, p, active.id, 200, { version: active.version, body: { currentPassword: 'demo', reason: 'No longer needed' } });
    expect(locked.certificates.length).toBe(3);
    expect(locked.certificates.every((x) => x.status === 'Revoked')).toBe(true);
  });
});

// Last of the behaviour tests: its denied step-ups would show in the audit the tests above read.
describe('guessing the password at step-up', () => {
  const REVOKE = 'POST /self-service/software-tokens/{id}/actions/revoke';
  const RESET = 'POST /self-service/virtual-smart-cards/{id}/actions/reset-pin';
  const LOCK = 'POST /self-service/virtual-smart-cards/{id}/actions/lock';

  it('five wrong passwords in a row lock step-up for the account: 429 on every sensitive action, the right password too', async () => {
    const token = credentialsOf('software-token-user', 'software-token').find((x) => x.status === 'Active')!;
    const t = await c.signIn('software-token-user');
    for (let i = 0; i < 4; i++) await act(REVOKE, t, token.id, 403, { version: token.version, body: { currentPassword: `guess-${i}` } });
    expect((await act(REVOKE, t, token.id, 429, { version: token.version, body: { currentPassword: 'guess-5' } })).retryAfter).toBe(60);
    await act(REVOKE, t, token.id, 429, { version: token.version, body: { currentPassword: 'demo' } });
    expect(c.store.db.credentials.get(token.id)!.status).toBe('Active');

    const vsc = credentialsOf('virtual-smart-card-user', 'virtual-smart-card').find((x) => x.status === 'Active')!;
    const v = await c.signIn('virtual-smart-card-user');
    for (let i = 0; i < 4; i++) await act(RESET, v, vsc.id, 403, { version: vsc.version, body: { currentPassword: `guess-${i}`, newPin: '13572468' } });
    await act(RESET, v, vsc.id, 429, { version: vsc.version, body: { currentPassword: 'guess-5', newPin: '13572468' } });
    await act(LOCK, v, vsc.id, 429, { version: vsc.version, body: { currentPassword: 'demo', reason: 'Key compromise' } });
    expect(c.store.db.credentials.get(vsc.id)!.status).toBe('Active');
    expect(c.store.db.audit.filter((a) => a.action === 'step-up-lockout').map((a) => a.actor)).toEqual(['software-token-user', 'virtual-smart-card-user']);
  });
});

c.describeStatusCoverage(PREFIXES);
