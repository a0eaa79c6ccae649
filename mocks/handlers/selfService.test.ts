// @vitest-environment node
/**
 * API tests of the self-service user's Self-Service: own cards (activate, renew, lock, PIN change and
 * unblock online and offline), card requests, password, security password and registration.
 * Expectations about who may do what are written from ACCESS.md: every self-service role reaches
 * Self-Service, and only the Self-service user "registers/deregisters self; registers security
 * password; resets own password; changes PIN; unblocks PIN; renews own card; locks own card".
 * Object-level security: another person's card, or a body that names another person, answers 404 on
 * every endpoint and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Card, Problem, SelfServiceCard, SelfServiceCardRequestResult, SelfServiceMe, SelfServiceRegistration, UnblockResponse } from '../../src/api/types';
import { contractHarness } from '../contract/harness';

const c = contractHarness({ persons: 300 });

const ME = 'GET /self-service/me';
const CARD_ACTIONS = ['activate', 'renew', 'lock', 'change-pin', 'unblock-pin', 'unblock-pin-offline'] as const;
type CardAction = (typeof CARD_ACTIONS)[number];
const cardKey = (a: CardAction) => `POST /self-service/cards/{id}/actions/${a}`;
const STEP_UP_TYPE = '/problems/step-up-required';
const LABS_TENANT = 'tenant-nordvik-labs';
/** ACCESS.md: the self-service roles; only the Self-service user holds the self-service user's permissions. */
const OTHER_SELF_SERVICE = ['self-service-visitor', 'mobile-id-user', 'software-token-user', 'virtual-smart-card-user'];
const PERMISSION_OF: Record<string, string> = {
  [cardKey('activate')]: 'self:activate-card',
  [cardKey('renew')]: 'self:renew-card',
  [cardKey('lock')]: 'self:lock-card',
  [cardKey('change-pin')]: 'self:change-pin',
  [cardKey('unblock-pin')]: 'self:unblock-pin',
  [cardKey('unblock-pin-offline')]: 'self:unblock-pin',
  'POST /self-service/card-requests': 'self:request-card',
  'POST /self-service/password': 'self:reset-password',
  'POST /self-service/password/reset': 'self:reset-password',
  'PUT /self-service/security-password': 'self:register-security-password',
  'POST /self-service/registration': 'self:register',
  'DELETE /self-service/registration': 'self:deregister',
};
const NEW_PASSWORD = 'Winter2026snow';

async function me(cookie: string): Promise<SelfServiceMe> {
  return (await c.expectDocumented(ME, await c.call(ME, { cookie }), 200)) as SelfServiceMe;
}
/**
 * Gives the self-service user a card that waits for activation (Issued, three Issued certificates),
 * as card production would; the demo seed adds none, so the organisation's counts stay as they are.
 */
function giveIssuedCard(personId: string) {
  const db = c.store.db;
  const card: Card = {
    id: `card-${String(db.cards.size + 1).padStart(6, '0')}`,
    number: `NV${String(400000 + db.cards.size + 1).padStart(8, '0')}`,
    personId,
    type: 'employee',
    status: 'Issued',
    validFrom: '2026-10-28T08:00:00.000Z',
    validTo: '2029-10-27T08:00:00.000Z',
    version: 1,
  };
  c.store.put('cards', card);
  for (const type of ['authentication', 'signature', 'encryption'] as const) {
    const n = db.certificates.size + 1;
    c.store.put('certificates', { id: `cert-${String(n).padStart(6, '0')}`, cardId: card.id, personId, type, status: 'Issued', serialNumber: `feed${String(n).padStart(12, '0')}`, validTo: card.validTo, version: 1 });
  }
}

/** The self-service user, her Active card (PIN blocked in the demo) and an Issued card. */
async function elin() {
  giveIssuedCard(accountOf('self-service-user').personId);
  const p = await c.signIn('self-service-user');
  const m = await me(p.cookie);
  const active = m.cards.find((x) => x.status === 'Active')!;
  const issued = m.cards.find((x) => x.status === 'Issued')!;
  expect(active && issued).toBeTruthy();
  return { ...p, me: m, active, issued };
}
function act(cookie: string, action: CardAction, card: { id: string; version: number }, body: unknown = {}, ifMatch: string | null = `"${card.version}"`) {
  return c.call(cardKey(action), { cookie, path: { id: card.id }, ...(ifMatch ? { headers: { 'If-Match': ifMatch } } : {}), body });
}
async function expectOk<T = SelfServiceCard>(key: string, res: Response, status = 200): Promise<T> {
  return (await c.expectDocumented(key, res, status)) as T;
}
async function expectProblem(key: string, res: Response, status: number): Promise<Problem> {
  return (await c.expectDocumented(key, res, status)) as Problem;
}
/** A well-formed body for each card action, with the right password. */
const goodBody: Record<CardAction, Record<string, unknown>> = {
  activate: {},
  renew: {},
  lock: { currentPassword: 'demo', reason: 'Lost' },
  'change-pin': { currentPassword: 'demo', currentPin: '123456', newPin: '246810' },
  'unblock-pin': { currentPassword: 'demo', newPin: '135790' },
  'unblock-pin-offline': { currentPassword: 'demo', challenge: '1A2B 3C4D 5E6F 7A8B' },
};
/** No PIN, PUK, password or hash ever leaves the backend. */
const expectNoSecrets = (body: unknown) => expect(JSON.stringify(body)).not.toMatch(/"(pin|puk|pinHash|password|currentPassword|securityPasswordHash|newPin|currentPin)"/i);
const signInAs = async (username: string, password: string, tenant?: string) =>
  c.call('POST /session', { body: { username, password, ...(tenant ? { tenant } : {}) } });
const accountOf = (username: string) => c.store.db.accounts.find((a) => a.username === username)!;
/** The audit survives between tests (only table changes reset the store): look at what a test added. */
const auditMark = () => c.store.db.audit.length;
const auditSince = (mark: number) => c.store.db.audit.slice(mark).filter((a) => a.action !== 'sign-in' && a.action !== 'sign-out');

describe('GET /self-service/me', () => {
  it('shows my cards with the self-service actions I may run now, registration state and no secrets', async () => {
    const { me: m, active, issued } = await elin();
    expect(m.person.displayName).toBe('Elin Forsberg');
    expect(m.cards.every((x) => x.personId === m.person.id)).toBe(true);
    // Her active card's PIN is blocked in the demo: no change-pin until it is unblocked.
    expect(active.pinBlocked).toBe(true);
    expect(active.allowedActions).toEqual(['renew', 'lock', 'unblock-pin', 'unblock-pin-offline']);
    expect(issued.allowedActions).toEqual(['activate']);
    const certs = m.certificates.filter((x) => x.cardId === active.id && ['Valid', 'On hold', 'Issued'].includes(x.status)).length;
    expect(active.actionDetails.lock).toEqual({ reasons: ['Lost', 'Stolen', 'Damaged', 'Left the organisation', 'Key compromise'], effects: [{ code: 'state', to: 'Locked' }, { code: 'certificates-revoked', count: certs }] });
    expect(certs).toBe(3);
    expect(m.registration.registered).toBe(true);
    expect(m.securityPassword).toEqual({ registered: false, at: null });
    // The Issued card waits for activation, so no new card may be requested.
    expect(m.mayRequestCard).toBe(false);
    expectNoSecrets(m);
  });

  it('offers other self-service personas no action of the self-service user', async () => {
    for (const username of OTHER_SELF_SERVICE) {
      const p = await c.signIn(username);
      const m = await me(p.cookie);
      expect(m.cards.flatMap((x) => x.allowedActions), username).toEqual([]);
      expect(m.mayRequestCard, username).toBe(false);
    }
  });

  it('answers 404 in a tenant where the account has no person', async () => {
    const res = await signInAs('self-service-user', 'demo', LABS_TENANT);
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('Set-Cookie') ?? '').split(';')[0]!;
    await expectProblem(ME, await c.call(ME, { cookie }), 404);
  });
});

describe('permissions', () => {
  it.each(Object.entries(PERMISSION_OF))('%s: other self-service personas get 403 naming the permission', async (key, permission) => {
    const { active } = await elin();
    const mark = auditMark();
    for (const username of OTHER_SELF_SERVICE) {
      const p = await c.signIn(username);
      const res = await c.call(key, { cookie: p.cookie, path: { id: active.id }, headers: { 'If-Match': `"${active.version}"` }, body: { currentPassword: 'demo' } });
      const problem = await expectProblem(key, res, 403);
      expect(problem.missingPermission, username).toBe(permission);
    }
    expect(auditSince(mark).filter((a) => a.outcome === 'denied' && a.detail === `missing permission ${permission}`).length).toBe(OTHER_SELF_SERVICE.length);
  });
});

describe('object-level security (IDOR)', () => {
  /** Another person's cards: one Active, one Issued, and one of the other tenant. */
  const foreignCards = (myPersonId: string) => {
    const other = (status: string) => c.store.db.cards.find((x) => x.personId !== myPersonId && x.status === status && !x.id.startsWith('tmp'))!;
    const labs = c.store.db.cards.find((x) => c.store.db.persons.get(x.personId)?.tenantId === LABS_TENANT);
    return [other('Active'), other('Issued'), ...(labs ? [labs] : [])];
  };

  it.each(CARD_ACTIONS)('POST /self-service/cards/{id}/actions/%s: another person\'s card or an unknown id is 404 and changes nothing', async (action) => {
    const { cookie, me: m, active } = await elin();
    const mark = auditMark();
    const targets = foreignCards(m.person.id);
    expect(targets.length).toBeGreaterThanOrEqual(2);
    for (const card of targets) {
      const before = JSON.stringify(c.store.db.cards.get(card.id));
      const certsBefore = JSON.stringify(c.store.db.certificates.filter((x) => x.cardId === card.id));
      const problem = await expectProblem(cardKey(action), await act(cookie, action, card, goodBody[action]), 404);
      expect(problem.detail).toBe('You have no such card.');
      expect(JSON.stringify(c.store.db.cards.get(card.id))).toBe(before);
      expect(JSON.stringify(c.store.db.certificates.filter((x) => x.cardId === card.id))).toBe(certsBefore);
      expect(c.store.db.pinStates.get(card.id)).toBeUndefined();
    }
    // An unknown id answers exactly as another person's card.
    const unknown = await expectProblem(cardKey(action), await act(cookie, action, { id: 'card-999999', version: 1 }, goodBody[action]), 404);
    expect(unknown.detail).toBe('You have no such card.');
    // My own card, but the body names another person.
    const other = targets[0]!;
    await expectProblem(cardKey(action), await act(cookie, action, action === 'activate' ? m.cards.find((x) => x.status === 'Issued')! : active, { ...goodBody[action], personId: other.personId }), 404);
    expect(auditSince(mark).filter((a) => a.actor === 'self-service-user' && a.action === action && a.outcome === 'denied').length).toBe(targets.length + 2);
  });

  const BODY_KEYS: [string, Record<string, unknown>][] = [
    ['POST /self-service/card-requests', {}],
    ['POST /self-service/password', { currentPassword: 'demo', newPassword: NEW_PASSWORD }],
    ['POST /self-service/password/reset', { securityPassword: 'whatever1', newPassword: NEW_PASSWORD }],
    ['PUT /self-service/security-password', { currentPassword: 'demo', securityPassword: 'my-secret-phrase' }],
    ['POST /self-service/registration', {}],
    ['DELETE /self-service/registration', { currentPassword: 'demo' }],
  ];
  it.each(BODY_KEYS)('%s: a body naming another person (personId, accountId, username) is 404 and changes nothing', async (key, body) => {
    const { cookie } = await elin();
    const helpdesk = accountOf('helpdesk');
    const stamp = () => JSON.stringify([c.store.db.accounts.all(), c.store.db.selfService.all(), c.store.db.cards.size, c.store.db.requests.size]);
    const before = stamp();
    for (const foreign of [{ personId: helpdesk.personId }, { accountId: helpdesk.id }, { username: helpdesk.username }, { personId: 'p-999999' }]) {
      await expectProblem(key, await c.call(key, { cookie, body: { ...body, ...foreign } }), 404);
    }
    expect(stamp()).toBe(before);
  });
});

describe('step-up: sensitive changes ask for the current password', () => {
  const STEP_UP: [string, (m: Awaited<ReturnType<typeof elin>>) => { path?: Record<string, string>; headers?: Record<string, string>; body: Record<string, unknown> }][] = [
    [cardKey('lock'), (e) => ({ path: { id: e.active.id }, headers: { 'If-Match': `"${e.active.version}"` }, body: { reason: 'Lost' } })],
    [cardKey('change-pin'), (e) => ({ path: { id: e.issued.id }, headers: { 'If-Match': `"${e.issued.version}"` }, body: { currentPin: '123456', newPin: '246810' } })],
    [cardKey('unblock-pin'), (e) => ({ path: { id: e.active.id }, headers: { 'If-Match': `"${e.active.version}"` }, body: { newPin: '135790' } })],
    [cardKey('unblock-pin-offline'), (e) => ({ path: { id: e.active.id }, headers: { 'If-Match': `"${e.active.version}"` }, body: { challenge: '1A2B3C4D5E6F7A8B' } })],
    ['POST /self-service/password', () => ({ body: { newPassword: NEW_PASSWORD } })],
    ['PUT /self-service/security-password', () => ({ body: { securityPassword: 'my-secret-phrase' } })],
    ['DELETE /self-service/registration', () => ({ body: {} })],
  ];
  it.each(STEP_UP)('%s: 403 step-up-required without or with a wrong current password; nothing changes; audited', async (key, make) => {
    const e = await elin();
    if (key === cardKey('change-pin')) {
      // change-pin needs an active card with an unblocked PIN: activate the issued one first.
      const fresh = await expectOk(cardKey('activate'), await act(e.cookie, 'activate', e.issued));
      e.issued = fresh;
    }
    const call = make(e);
    const mark = auditMark();
    const stamp = () => JSON.stringify([c.store.db.cards.all(), c.store.db.pinStates.all(), c.store.db.accounts.all(), c.store.db.selfService.all()]);
    const before = stamp();
    for (const currentPassword of [undefined, '', 'wrong-password']) {
      const body = currentPassword === undefined ? call.body : { ...call.body, currentPassword };
      const problem = await expectProblem(key, await c.call(key, { cookie: e.cookie, ...call, body }), 403);
      expect(problem.type.endsWith('step-up-required')).toBe(true);
      expect(problem.type).toBe(STEP_UP_TYPE);
    }
    expect(stamp()).toBe(before);
    expect(auditSince(mark).filter((a) => a.actor === 'self-service-user' && a.outcome === 'denied' && a.detail?.startsWith('step-up')).length).toBe(3);

    // That was one wrong password; four more lock step-up: 429 with Retry-After, the right password too.
    for (let i = 0; i < 3; i++) await expectProblem(key, await c.call(key, { cookie: e.cookie, ...call, body: { ...call.body, currentPassword: `wrong-${i}` } }), 403);
    const locked = await c.call(key, { cookie: e.cookie, ...call, body: { ...call.body, currentPassword: 'wrong-again' } });
    expect(locked.headers.get('Retry-After')).toBe('60');
    const problem = await expectProblem(key, locked, 429);
    expect(problem).toMatchObject({ retryAfter: 60, detail: 'Too many wrong passwords in a row. Try again in 1 minute.' });
    const right = await c.call(key, { cookie: e.cookie, ...call, body: { ...call.body, currentPassword: 'demo' } });
    expect(Number(right.headers.get('Retry-After'))).toBeGreaterThan(0);
    await expectProblem(key, right, 429);
    expect(stamp()).toBe(before);
    expect(auditSince(mark).some((a) => a.action === 'step-up-lockout' && a.actor === 'self-service-user')).toBe(true);
  });

  it('a lock-out is only the account of its own: another account confirms as before', async () => {
    const key = 'POST /self-service/password';
    const { cookie } = await c.signIn('self-service-user');
    for (let i = 0; i < 4; i++) await expectProblem(key, await c.call(key, { cookie, body: { currentPassword: `wrong-${i}`, newPassword: 'x' } }), 403);
    await expectProblem(key, await c.call(key, { cookie, body: { currentPassword: 'wrong-4', newPassword: 'x' } }), 429);
    const colleague = c.store.db.accounts.find((a) => a.status === 'Active' && /\d$/.test(a.username) && a.roles.includes('BaseRoleSelfServiceUser'))!;
    const other = await c.signIn(colleague.username);
    // Step-up passes for the colleague: the answer is about the new password, not the current one.
    const p = await expectProblem(key, await c.call(key, { cookie: other.cookie, body: { currentPassword: 'demo', newPassword: 'x' } }), 422);
    expect(p.errors?.newPassword).toBeTruthy();
  });
});

describe('card actions', () => {
  it('activates my issued card: If-Match is required (428) and checked (412); certificates become Valid; history names me', async () => {
    const { cookie, issued } = await elin();
    await expectProblem(cardKey('activate'), await act(cookie, 'activate', issued, {}, null), 428);
    const stale = await expectProblem(cardKey('activate'), await act(cookie, 'activate', issued, {}, `"${issued.version + 5}"`), 412);
    expect(stale.currentVersion).toBe(issued.version);
    await expectProblem(cardKey('activate'), await act(cookie, 'activate', issued, 'not json'), 422);
    const done = await expectOk(cardKey('activate'), await act(cookie, 'activate', issued));
    expect(done.status).toBe('Active');
    expect(done.version).toBe(issued.version + 1);
    expect(done.pinBlocked).toBe(false);
    expect(done.allowedActions).toEqual(['renew', 'lock', 'change-pin', 'unblock-pin', 'unblock-pin-offline']);
    expect(c.store.db.certificates.filter((x) => x.cardId === issued.id).map((x) => x.status)).toEqual(['Valid', 'Valid', 'Valid']);
    const history = c.store.db.history.filter((h) => h.objectId === issued.id);
    expect(history.at(-1)).toMatchObject({ action: 'activate', before: 'Issued', after: 'Active', actor: { username: 'self-service-user', displayName: 'Elin Forsberg' } });
    // Active now: activating again is not possible in that state.
    const conflict = await expectProblem(cardKey('activate'), await act(cookie, 'activate', done), 409);
    expect(conflict.currentStatus).toBe('Active');
  });

  it('renews my active card as the officer renew does', async () => {
    const { cookie, active, issued } = await elin();
    await expectProblem(cardKey('renew'), await act(cookie, 'renew', issued), 409);
    await expectProblem(cardKey('renew'), await act(cookie, 'renew', active, {}, null), 428);
    await expectProblem(cardKey('renew'), await act(cookie, 'renew', active, {}, '"99"'), 412);
    await expectProblem(cardKey('renew'), await act(cookie, 'renew', active, '[1,2]'), 422);
    const done = await expectOk(cardKey('renew'), await act(cookie, 'renew', active));
    expect(done.status).toBe('Active');
    expect(Date.parse(done.validTo)).toBeGreaterThan(Date.parse(active.validTo));
    const certs = c.store.db.certificates.filter((x) => x.cardId === active.id);
    expect(certs.filter((x) => x.status === 'Valid').map((x) => x.type).sort()).toEqual(['authentication', 'encryption', 'signature']);
    expect(certs.filter((x) => x.status === 'Revoked').map((x) => x.type).sort()).toEqual(['authentication', 'signature']);
    expect(c.store.db.history.filter((h) => h.objectId === active.id).at(-1)).toMatchObject({ action: 'renew', actor: { username: 'self-service-user' } });
  });

  it('locks my card with a reason: the certificates are revoked as by an officer, with history naming me', async () => {
    const { cookie, active, issued } = await elin();
    await expectProblem(cardKey('lock'), await act(cookie, 'lock', issued, goodBody.lock), 409);
    await expectProblem(cardKey('lock'), await act(cookie, 'lock', active, goodBody.lock, null), 428);
    await expectProblem(cardKey('lock'), await act(cookie, 'lock', active, goodBody.lock, '"42"'), 412);
    const noReason = await expectProblem(cardKey('lock'), await act(cookie, 'lock', active, { currentPassword: 'demo', reason: 'Bored' }), 422);
    expect(noReason.errors?.reason).toContain('Lost');
    expect(c.store.db.cards.get(active.id)!.status).toBe('Active');
    const done = await expectOk(cardKey('lock'), await act(cookie, 'lock', active, goodBody.lock));
    expect(done.status).toBe('Locked');
    expect(done.allowedActions).toEqual([]);
    const certs = c.store.db.certificates.filter((x) => x.cardId === active.id);
    expect(certs.map((x) => x.status)).toEqual(['Revoked', 'Revoked', 'Revoked']);
    expect(c.store.db.history.filter((h) => h.objectId === active.id).at(-1)).toMatchObject({ action: 'lock', reason: 'Lost', before: 'Active', after: 'Locked', actor: { username: 'self-service-user' } });
    expect(c.store.db.history.filter((h) => h.objectId === certs[0]!.id).at(-1)).toMatchObject({ action: 'lock', before: 'Valid', after: 'Revoked', actor: { username: 'self-service-user' } });
    expect(c.store.db.audit).toContainEqual(expect.objectContaining({ actor: 'self-service-user', action: 'lock', outcome: 'success', detail: 'reason: Lost' }));
    expectNoSecrets(done);
  });
});

describe('PIN', () => {
  it('change-pin: 409 while blocked; unblock online with a new PIN; then change it with that PIN', async () => {
    const { cookie, active, issued } = await elin();
    const mark = auditMark();
    const blocked = await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', active, goodBody['change-pin']), 409);
    expect(blocked.detail).toMatch(/blocked/);
    await expectProblem(cardKey('unblock-pin'), await act(cookie, 'unblock-pin', issued, goodBody['unblock-pin']), 409);
    for (const newPin of ['111111', '12ab56', '12345', '123456789']) {
      const p = await expectProblem(cardKey('unblock-pin'), await act(cookie, 'unblock-pin', active, { currentPassword: 'demo', newPin }), 422);
      expect(p.errors?.newPin, newPin).toBeTruthy();
    }
    await expectProblem(cardKey('unblock-pin'), await act(cookie, 'unblock-pin', active, goodBody['unblock-pin'], null), 428);
    await expectProblem(cardKey('unblock-pin'), await act(cookie, 'unblock-pin', active, goodBody['unblock-pin'], '"7"'), 412);
    await expectProblem(cardKey('unblock-pin'), await act(cookie, 'unblock-pin', active, 'nope'), 422);
    const unblocked = await expectOk(cardKey('unblock-pin'), await act(cookie, 'unblock-pin', active, goodBody['unblock-pin']));
    expect(unblocked.pinBlocked).toBe(false);
    expect(unblocked.allowedActions).toContain('change-pin');
    expectNoSecrets(unblocked);
    // The PIN is kept as a salted hash only.
    expect(JSON.stringify(c.store.db.pinStates.get(active.id))).not.toContain('135790');

    const wrong = await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', unblocked, { currentPassword: 'demo', currentPin: '123456', newPin: '246810' }), 422);
    expect(wrong.errors?.currentPin).toBe('The current PIN is not correct. 2 tries are left before the PIN is blocked.');
    const same = await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', unblocked, { currentPassword: 'demo', currentPin: '135790', newPin: '999999' }), 422);
    expect(same.errors?.newPin).toMatch(/same digit/);
    await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', unblocked, goodBody['change-pin'], null), 428);
    await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', unblocked, goodBody['change-pin'], '"1"'), 412);
    await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', unblocked, '"text"'), 422);
    const changed = await expectOk(cardKey('change-pin'), await act(cookie, 'change-pin', unblocked, { currentPassword: 'demo', currentPin: '135790', newPin: '246810' }));
    expect(changed.version).toBe(unblocked.version + 1);
    expect(c.store.db.history.filter((h) => h.objectId === active.id).map((h) => h.action)).toEqual(['unblock-pin', 'change-pin']);
    expect(auditSince(mark).filter((a) => a.outcome === 'success').map((a) => a.action)).toEqual(['unblock-pin', 'change-pin']);
    expect(JSON.stringify(c.store.db.audit)).not.toMatch(/246810|135790/);
  });

  it('three wrong PINs in a row block the PIN, as a card does; then the right PIN is refused too until the PUK unblocks it', async () => {
    const { cookie, issued } = await elin();
    let card = await expectOk(cardKey('activate'), await act(cookie, 'activate', issued));
    const mark = auditMark();
    for (const left of ['2 tries are', '1 try is']) {
      const wrong = await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', card, { ...goodBody['change-pin'], currentPin: '999111' }), 422);
      expect(wrong.errors?.currentPin).toBe(`The current PIN is not correct. ${left} left before the PIN is blocked.`);
      // A wrong PIN does not change the card the caller loaded: the next try needs no reload.
      expect(c.store.db.cards.get(card.id)!.version).toBe(card.version);
    }
    const third = await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', card, { ...goodBody['change-pin'], currentPin: '999111' }), 409);
    expect(third.detail).toMatch(/3 wrong PINs in a row: the PIN of this card is now blocked/);
    card = (await me(cookie)).cards.find((x) => x.id === card.id)!;
    expect(card.pinBlocked).toBe(true);
    expect(card.allowedActions).not.toContain('change-pin');
    // The right PIN no longer helps.
    await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', card, goodBody['change-pin']), 409);
    expect(auditSince(mark).map((a) => `${a.action} ${a.outcome}`)).toEqual(['change-pin failed', 'change-pin failed', 'change-pin denied', 'change-pin failed']);
    // Unblocked with the PUK, the count starts over.
    const unblocked = await expectOk(cardKey('unblock-pin'), await act(cookie, 'unblock-pin', card, goodBody['unblock-pin']));
    const again = await expectProblem(cardKey('change-pin'), await act(cookie, 'change-pin', unblocked, { ...goodBody['change-pin'], currentPin: '999111' }), 422);
    expect(again.errors?.currentPin).toMatch(/2 tries are left/);
    await expectOk(cardKey('change-pin'), await act(cookie, 'change-pin', unblocked, { ...goodBody['change-pin'], currentPin: '135790' }));
    expect(c.store.db.pinStates.get(card.id)!.failedTries ?? 0).toBe(0);
  });

  it('an activated card has the initial PIN 123456', async () => {
    const { cookie, issued } = await elin();
    const active = await expectOk(cardKey('activate'), await act(cookie, 'activate', issued));
    const changed = await expectOk(cardKey('change-pin'), await act(cookie, 'change-pin', active, goodBody['change-pin']));
    expect(changed.pinBlocked).toBe(false);
  });

  it('unblock-pin-offline: the challenge is validated; the response is deterministic, grouped, and depends on card and challenge', async () => {
    const { cookie, active, issued } = await elin();
    await expectProblem(cardKey('unblock-pin-offline'), await act(cookie, 'unblock-pin-offline', issued, goodBody['unblock-pin-offline']), 409);
    for (const challenge of ['XYZ', '1A2B 3C4D 5E6F', '1A2B 3C4D 5E6F 7A8G', '', 42]) {
      const p = await expectProblem(cardKey('unblock-pin-offline'), await act(cookie, 'unblock-pin-offline', active, { currentPassword: 'demo', challenge }), 422);
      expect(p.errors?.challenge, String(challenge)).toMatch(/16 hexadecimal digits/);
    }
    await expectProblem(cardKey('unblock-pin-offline'), await act(cookie, 'unblock-pin-offline', active, goodBody['unblock-pin-offline'], null), 428);
    await expectProblem(cardKey('unblock-pin-offline'), await act(cookie, 'unblock-pin-offline', active, goodBody['unblock-pin-offline'], '"3"'), 412);
    const first = await expectOk<UnblockResponse>(cardKey('unblock-pin-offline'), await act(cookie, 'unblock-pin-offline', active, goodBody['unblock-pin-offline']));
    expect(first.response).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    expect(first.card.pinBlocked).toBe(false);
    // Same challenge, written differently: the same response.
    const again = await expectOk<UnblockResponse>(cardKey('unblock-pin-offline'), await act(cookie, 'unblock-pin-offline', first.card, { currentPassword: 'demo', challenge: '1a2b-3c4d-5e6f-7a8b' }));
    expect(again.response).toBe(first.response);
    const other = await expectOk<UnblockResponse>(cardKey('unblock-pin-offline'), await act(cookie, 'unblock-pin-offline', again.card, { currentPassword: 'demo', challenge: '0000 0000 0000 0001' }));
    expect(other.response).not.toBe(first.response);
    expectNoSecrets(other);
    expect(c.store.db.pinStates.get(active.id)).toMatchObject({ pinBlocked: false, pinHash: null });
  });
});

describe('POST /self-service/card-requests', () => {
  it('is refused (409) while a card waits; after activating it, requests a card with an approval task; a second request is 409', async () => {
    const { cookie, me: m, issued } = await elin();
    const key = 'POST /self-service/card-requests';
    const waiting = await expectProblem(key, await c.call(key, { cookie, body: {} }), 409);
    expect(waiting.detail).toContain(issued.number);
    await expectProblem(key, await c.call(key, { cookie, body: 'not json' }), 422);
    await expectOk(cardKey('activate'), await act(cookie, 'activate', issued));
    expect((await me(cookie)).mayRequestCard).toBe(true);
    const result = await expectOk<SelfServiceCardRequestResult>(key, await c.call(key, { cookie, body: { personId: m.person.id } }), 201);
    expect(result.card).toMatchObject({ status: 'Requested', personId: m.person.id, allowedActions: [] });
    const request = c.store.db.requests.get(result.requestId)!;
    expect(request).toMatchObject({ personId: m.person.id, requestedById: m.person.id, cardId: result.card.id, status: 'Requested' });
    expect(c.store.db.tasks.find((t) => t.requestId === result.requestId)).toMatchObject({ type: 'card-approval', status: 'Open', subjectId: m.person.id });
    expect((await me(cookie)).mayRequestCard).toBe(false);
    await expectProblem(key, await c.call(key, { cookie, body: {} }), 409);
  });
});

describe('passwords', () => {
  it('POST /self-service/password: policy errors keep the password; a change works for the next sign-in', async () => {
    const { cookie } = await elin();
    const key = 'POST /self-service/password';
    for (const newPassword of ['short1', 'onlyletters-here', '12345678901', 'self-service-user1', 'demo']) {
      const p = await expectProblem(key, await c.call(key, { cookie, body: { currentPassword: 'demo', newPassword } }), 422);
      expect(p.errors?.newPassword, newPassword).toBeTruthy();
    }
    await expectProblem(key, await c.call(key, { cookie, body: '1' }), 422);
    expect(accountOf('self-service-user').password).toBe('demo');
    await expectOk(key, await c.call(key, { cookie, body: { currentPassword: 'demo', newPassword: NEW_PASSWORD } }), 204);
    expect((await signInAs('self-service-user', 'demo')).status).toBe(401);
    expect((await signInAs('self-service-user', NEW_PASSWORD)).status).toBe(200);
    // The step-up now wants the new password.
    await expectProblem(key, await c.call(key, { cookie, body: { currentPassword: 'demo', newPassword: 'Another2026pw' } }), 403);
    expect(c.store.db.audit).toContainEqual(expect.objectContaining({ actor: 'self-service-user', action: 'change-password', outcome: 'success' }));
    expect(JSON.stringify(c.store.db.audit)).not.toContain(NEW_PASSWORD);
  });

  it('a forgotten password is reset with the security password registered before', async () => {
    const { cookie } = await elin();
    const reset = 'POST /self-service/password/reset';
    const setKey = 'PUT /self-service/security-password';
    const none = await expectProblem(reset, await c.call(reset, { cookie, body: { securityPassword: 'anything-at-all', newPassword: NEW_PASSWORD } }), 409);
    expect(none.title).toBe('No security password');
    for (const securityPassword of ['short', 'demo']) {
      const p = await expectProblem(setKey, await c.call(setKey, { cookie, body: { currentPassword: 'demo', securityPassword } }), 422);
      expect(p.errors?.securityPassword).toBeTruthy();
    }
    await expectProblem(setKey, await c.call(setKey, { cookie, body: 'x' }), 422);
    const set = await expectOk<SelfServiceRegistration>(setKey, await c.call(setKey, { cookie, body: { currentPassword: 'demo', securityPassword: 'blue whale at dawn' } }), 200);
    expect(set.registered).toBe(true);
    const m = await me(cookie);
    expect(m.securityPassword).toEqual(set);
    expectNoSecrets(m);
    expect(JSON.stringify(c.store.db.selfService.all())).not.toContain('blue whale');

    const wrong = await expectProblem(reset, await c.call(reset, { cookie, body: { securityPassword: 'red whale at dusk', newPassword: NEW_PASSWORD } }), 422);
    expect(wrong.errors?.securityPassword).toBe('The security password is not correct.');
    await expectProblem(reset, await c.call(reset, { cookie, body: { securityPassword: 'blue whale at dawn', newPassword: 'weak' } }), 422);
    await expectProblem(reset, await c.call(reset, { cookie, body: '[]' }), 422);
    expect(accountOf('self-service-user').password).toBe('demo');
    await expectOk(reset, await c.call(reset, { cookie, body: { securityPassword: 'blue whale at dawn', newPassword: NEW_PASSWORD } }), 204);
    expect((await signInAs('self-service-user', NEW_PASSWORD)).status).toBe(200);
    expect(c.store.db.audit).toContainEqual(expect.objectContaining({ actor: 'self-service-user', action: 'reset-password', outcome: 'denied' }));
  });
});

describe('guessing and sessions', () => {
  it('five wrong security passwords in a row lock the reset: 429, the right one too', async () => {
    const { cookie } = await elin();
    const reset = 'POST /self-service/password/reset';
    const setKey = 'PUT /self-service/security-password';
    await expectOk(setKey, await c.call(setKey, { cookie, body: { currentPassword: 'demo', securityPassword: 'blue whale at dawn' } }), 200);
    for (let i = 0; i < 4; i++) {
      await expectProblem(reset, await c.call(reset, { cookie, body: { securityPassword: `guess number ${i}`, newPassword: NEW_PASSWORD } }), 422);
    }
    const locked = await c.call(reset, { cookie, body: { securityPassword: 'guess number 5', newPassword: NEW_PASSWORD } });
    expect(locked.headers.get('Retry-After')).toBe('60');
    expect((await expectProblem(reset, locked, 429)).detail).toMatch(/security passwords/);
    await expectProblem(reset, await c.call(reset, { cookie, body: { securityPassword: 'blue whale at dawn', newPassword: NEW_PASSWORD } }), 429);
    expect(accountOf('self-service-user').password).toBe('demo');
  });

  it('a password change ends every other session of the account, and keeps the one that made it', async () => {
    const { cookie } = await elin();
    const laptop = await c.signIn('self-service-user');
    const key = 'POST /self-service/password';
    await expectOk(key, await c.call(key, { cookie, body: { currentPassword: 'demo', newPassword: NEW_PASSWORD } }), 204);
    await c.expectDocumented('GET /session', await c.call('GET /session', { cookie: laptop.cookie }), 401);
    await c.expectDocumented('GET /session', await c.call('GET /session', { cookie }), 200);
    expect(c.store.db.audit.at(-1)).toMatchObject({ action: 'change-password', outcome: 'success', detail: '1 other sessions ended' });
  });

  it('a reset with the security password ends the other sessions too', async () => {
    const { cookie } = await elin();
    await expectOk('PUT /self-service/security-password', await c.call('PUT /self-service/security-password', { cookie, body: { currentPassword: 'demo', securityPassword: 'blue whale at dawn' } }), 200);
    const phone = await c.signIn('self-service-user');
    const reset = 'POST /self-service/password/reset';
    await expectOk(reset, await c.call(reset, { cookie, body: { securityPassword: 'blue whale at dawn', newPassword: NEW_PASSWORD } }), 204);
    await c.expectDocumented('GET /session', await c.call('GET /session', { cookie: phone.cookie }), 401);
  });
});

describe('registration', () => {
  it('deregisters (step-up; security password dropped; cards untouched) and registers again', async () => {
    const { cookie, me: m } = await elin();
    const mark = auditMark();
    const post = 'POST /self-service/registration';
    const del = 'DELETE /self-service/registration';
    const setKey = 'PUT /self-service/security-password';
    await expectProblem(post, await c.call(post, { cookie, body: {} }), 409);
    await expectProblem(post, await c.call(post, { cookie, body: 'x' }), 422);
    await expectOk(setKey, await c.call(setKey, { cookie, body: { currentPassword: 'demo', securityPassword: 'blue whale at dawn' } }), 200);
    await expectProblem(del, await c.call(del, { cookie, body: 'x' }), 422);
    const cardsBefore = JSON.stringify(c.store.db.cards.filter((x) => x.personId === m.person.id));
    const out = await expectOk<SelfServiceRegistration>(del, await c.call(del, { cookie, body: { currentPassword: 'demo' } }), 200);
    expect(out).toEqual({ registered: false, at: null });
    const after = await me(cookie);
    expect(after.registration).toEqual({ registered: false, at: null });
    expect(after.securityPassword).toEqual({ registered: false, at: null });
    expect(JSON.stringify(c.store.db.cards.filter((x) => x.personId === m.person.id))).toBe(cardsBefore);
    await expectProblem(del, await c.call(del, { cookie, body: { currentPassword: 'demo' } }), 409);
    // Not registered: no security password can be set.
    await expectProblem(setKey, await c.call(setKey, { cookie, body: { currentPassword: 'demo', securityPassword: 'blue whale at dawn' } }), 409);
    const back = await expectOk<SelfServiceRegistration>(post, await c.call(post, { cookie }), 200);
    expect(back.registered).toBe(true);
    expect(back.at).not.toBeNull();
    expect(auditSince(mark).filter((a) => a.outcome === 'success').map((a) => a.action)).toEqual(['register-security-password', 'deregister', 'register']);
  });
});

c.describeAccess(['/self-service/me', '/self-service/cards/', '/self-service/card-requests', '/self-service/password', '/self-service/security-password', '/self-service/registration'], () => {
  const card = c.store.db.cards.find((x) => x.personId === accountOf('self-service-user').personId)!;
  return { id: card.id };
});
c.describeStatusCoverage(['/self-service/me', '/self-service/cards/', '/self-service/card-requests', '/self-service/password', '/self-service/security-password', '/self-service/registration']);
