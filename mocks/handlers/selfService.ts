import { HttpResponse } from 'msw';
import { can, type Permission, type Principal } from '../../src/access/model';
import type {
  ActionDetail,
  FieldErrorCode,
  Card,
  Person,
  SelfServiceCard,
  SelfServiceCardAction,
  SelfServiceCardRequestResult,
  SelfServiceMe,
  SelfServiceRegistration,
  UnblockResponse,
} from '../../src/api/types';
import type { CardPinRecord, SelfServiceRecord } from '../db/schema';
import type { Account } from '../db/schema';
import type { Store } from '../db/store';
import { commitPlan, plan, type Plan } from '../domain/actions';
import { LOCK_REASONS } from '../domain/lifecycle';
import {
  INITIAL_PIN,
  PIN_TRIES,
  SELF_CARD_ACTIONS,
  normaliseChallenge,
  passwordProblem,
  pinProblem,
  secretHash,
  securityPasswordProblem,
  selfCardActions,
  unblockResponse,
} from '../domain/selfService';
import { endpoint, fieldErrors, ifMatchState, inTenant, preconditionRequired, problem, readJsonObject, SESSION_COOKIE, type Ctx } from './http';
import { requireStepUp, tooManyTries } from './stepUp';

const SELF = { right: 'Self-Service' } as const;
const needs = (permission: Permission) => ({ permission, right: SELF });
/** Pending cards: a new card may not be requested while one of these exists (as actions.ts refuses it). */
const PENDING = ['Registered', 'Requested', 'Approved', 'Issued'];

type Body = Record<string, unknown>;

const readBody = (request: Request): Promise<Body | Response> => readJsonObject(request);

/** A 422 of field errors; a field without a code is `invalid`. */
const invalid = (errors: Record<string, string>, errorCodes?: Record<string, FieldErrorCode>) => problem(422, 'Invalid request', Object.values(errors).join(' '), { errors, errorCodes });

/**
 * Self-Service of the self-service user: every endpoint touches only the caller's own person, cards
 * and account. An id that is not the caller's (another person's card, an unknown id) answers 404,
 * exactly as a card that does not exist. Sensitive changes ask for the current password (step-up).
 * No endpoint ever answers a PIN, PUK or password.
 */
export function selfServiceHandlers(store: Store) {
  const actorOf = (account: Account) => ({
    username: account.username,
    displayName: store.db.persons.get(account.personId)?.displayName ?? account.username,
  });
  const audit = (ctx: Ctx, action: string, target: string, outcome: 'success' | 'denied' | 'failed', detail?: string) =>
    store.audit({ actor: ctx.account.username, action, target, outcome, ...(detail ? { detail } : {}), tenantId: ctx.tenantId });

  const myPerson = (ctx: Ctx): Person | null => {
    const person = store.db.persons.get(ctx.account.personId);
    return person && inTenant(person, ctx.tenantId) ? person : null;
  };
  /** The caller's own card, or null: another person's card is as unknown as a card that does not exist. */
  const myCard = (ctx: Ctx, id: string): Card | null => {
    const person = myPerson(ctx);
    const card = store.db.cards.get(id);
    return person && card && card.personId === person.id ? card : null;
  };
  const pinOf = (card: Card): CardPinRecord =>
    store.db.pinStates.get(card.id) ?? { id: card.id, pinHash: secretHash(card.id, INITIAL_PIN), pinBlocked: false, changedAt: card.validFrom };
  const recordOf = (account: Account): SelfServiceRecord =>
    store.db.selfService.get(account.id) ?? { id: account.id, registered: false, registeredAt: null, securityPasswordHash: null, securityPasswordSetAt: null };

  /**
   * Whether the body names someone else: a `personId`, `accountId` or `username` that is not the
   * caller's. Self-service acts on the caller only, so such a request answers 404 and changes nothing.
   */
  const namesSomeoneElse = (ctx: Ctx, body: Body) =>
    (body.personId !== undefined && body.personId !== ctx.account.personId) ||
    (body.accountId !== undefined && body.accountId !== ctx.account.id) ||
    (body.username !== undefined && body.username !== ctx.account.username);
  const notYou = (ctx: Ctx, action: string, target: string) => {
    audit(ctx, action, target, 'denied', 'the request names another person');
    return problem(404, 'Not found', 'There is no such person for you.');
  };

  const view = (card: Card, principal: Principal, personId: string): SelfServiceCard => {
    const pin = pinOf(card);
    const allowed = selfCardActions(card, pin.pinBlocked, principal.permissions);
    const details: Partial<Record<SelfServiceCardAction, ActionDetail>> = {};
    for (const a of allowed) {
      let effects: ActionDetail['effects'] = [];
      if (a === 'activate' || a === 'renew' || a === 'lock') {
        const p = plan({ db: store.db, now: Date.now(), actorPersonId: personId }, { type: 'card', value: card }, a, {});
        effects = 'refused' in p ? [] : p.effects;
      }
      details[a] = { reasons: a === 'lock' ? [...LOCK_REASONS] : null, effects };
    }
    return { ...card, allowedActions: allowed, actionDetails: details, pinBlocked: pin.pinBlocked };
  };
  const cardJson = (body: SelfServiceCard | UnblockResponse, version: number, status = 200) =>
    HttpResponse.json(body, { status, headers: { ETag: `"${version}"` } });
  const registrationJson = (r: SelfServiceRecord): SelfServiceRegistration => ({ registered: r.registered, at: r.registeredAt });

  /** A state change of a card with its history (the person as actor) through the lifecycle's plan. */
  const commit = (ctx: Ctx, card: Card, action: string, planned: Plan, reason?: string) => {
    const after = planned.changes.find((c) => c.value.id === card.id)?.value as { status?: string } | undefined;
    commitPlan(store, planned, {
      objectId: card.id,
      action,
      actor: actorOf(ctx.account),
      ...(reason ? { reason } : {}),
      before: card.status,
      after: after?.status ?? card.status,
      label: `card ${card.number}`,
    });
  };
  /** PIN changes bump the card's version (its `pinBlocked` is part of what the caller loaded). */
  const commitPin = (ctx: Ctx, card: Card, action: string, pin: Omit<CardPinRecord, 'id' | 'changedAt'>) => {
    store.put('pinStates', { id: card.id, ...pin, changedAt: new Date().toISOString() });
    commit(ctx, card, action, { changes: [{ collection: 'cards', value: { ...card, version: card.version + 1 } }], effects: [] });
  };

  type CardHandler = (ctx: Ctx, card: Card, body: Body, target: string) => Response;

  /**
   * A self-service card action. Checks in order: card is the caller's (404), If-Match (428/412),
   * JSON body (422), state (409 with currentStatus), step-up where the action is sensitive (403),
   * then the action's own input (422).
   */
  const cardAction = (action: SelfServiceCardAction, stepUp: boolean, run: CardHandler) => {
    const rule = SELF_CARD_ACTIONS[action];
    return endpoint(store, 'post', `/self-service/cards/:id/actions/${action}`, needs(rule.permission), async (ctx) => {
      const id = String(ctx.params.id);
      const target = `POST /api/v1/self-service/cards/${id}/actions/${action}`;
      const card = myCard(ctx, id);
      if (!card) {
        audit(ctx, action, target, 'denied', 'not a card of the caller');
        return problem(404, 'Not found', 'You have no such card.');
      }
      const match = ifMatchState(ctx.request, card.version);
      if (match === 'missing') return preconditionRequired();
      if (match === 'stale') {
        audit(ctx, action, target, 'failed', 'changed since it was loaded');
        return problem(412, 'Changed meanwhile', 'Your card was changed since you loaded it. Reload and try again.', { currentVersion: card.version });
      }
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      if (namesSomeoneElse(ctx, body)) return notYou(ctx, action, target);
      if (!rule.from.includes(card.status)) {
        audit(ctx, action, target, 'failed', `not allowed in state ${card.status}`);
        return problem(409, 'Not possible in this state', `The card is ${card.status}; ${action.replace(/-/g, ' ')} is not possible in that state.`, { currentStatus: card.status });
      }
      if (rule.needsUnblockedPin && pinOf(card).pinBlocked) {
        audit(ctx, action, target, 'failed', 'PIN is blocked');
        return problem(409, 'PIN is blocked', 'The PIN of this card is blocked. Unblock it first.', { currentStatus: card.status });
      }
      if (stepUp) {
        const refusal = requireStepUp(ctx, body, action, target);
        if (refusal) return refusal;
      }
      return run(ctx, card, body, target);
    });
  };

  const lifecycle = (action: 'activate' | 'renew' | 'lock'): CardHandler => (ctx, card, body, target) => {
    const reason = typeof body.reason === 'string' ? body.reason : undefined;
    if (action === 'lock' && (!reason || !(LOCK_REASONS as readonly string[]).includes(reason))) {
      return invalid({ reason: `Choose one of: ${LOCK_REASONS.join(', ')}.` });
    }
    const planned = plan({ db: store.db, now: Date.now(), actorPersonId: ctx.account.personId }, { type: 'card', value: card }, action, {});
    if ('refused' in planned) {
      audit(ctx, action, target, 'failed', planned.detail);
      return problem(409, 'Not possible now', planned.detail, { currentStatus: card.status });
    }
    commit(ctx, card, action, planned, reason);
    audit(ctx, action, target, 'success', reason ? `reason: ${reason}` : undefined);
    const fresh = store.db.cards.get(card.id)!;
    return cardJson(view(fresh, ctx.principal, ctx.account.personId), fresh.version);
  };

  const changed = (ctx: Ctx, card: Card) => {
    const fresh = store.db.cards.get(card.id)!;
    return view(fresh, ctx.principal, ctx.account.personId);
  };

  return [
    endpoint(store, 'get', '/self-service/me', SELF, (ctx) => {
      const person = myPerson(ctx);
      if (!person) return problem(404, 'Not found', 'No person record is linked to this account.');
      const cards = store.db.cards.filter((c) => c.personId === person.id);
      const record = recordOf(ctx.account);
      const me: SelfServiceMe = {
        person,
        cards: cards.map((c) => view(c, ctx.principal, person.id)),
        certificates: store.db.certificates.filter((c) => c.personId === person.id),
        credentials: store.db.credentials.filter((c) => c.personId === person.id),
        registration: registrationJson(record),
        securityPassword: { registered: record.securityPasswordHash !== null, at: record.securityPasswordSetAt },
        mayRequestCard: can(ctx.principal, 'self:request-card') && person.status === 'Active' && !cards.some((c) => PENDING.includes(c.status)),
      };
      return HttpResponse.json(me);
    }),

    cardAction('activate', false, lifecycle('activate')),
    cardAction('renew', false, lifecycle('renew')),
    cardAction('lock', true, lifecycle('lock')),

    cardAction('change-pin', true, (ctx, card, body, target) => {
      const fields = fieldErrors();
      const { errors } = fields;
      const pin = pinOf(card);
      // After an offline unblock the PIN was set at the card and is unknown here: any well-formed PIN passes.
      if (typeof body.currentPin !== 'string' || !/^\d{4,8}$/.test(body.currentPin)) errors.currentPin = 'Enter your current PIN.';
      else if (pin.pinHash !== null && secretHash(card.id, body.currentPin) !== pin.pinHash) {
        // A wrong PIN counts, as on the card: the last allowed try blocks the PIN.
        const tries = (pin.failedTries ?? 0) + 1;
        if (tries >= PIN_TRIES) {
          commitPin(ctx, card, 'pin-blocked', { pinHash: pin.pinHash, pinBlocked: true, failedTries: 0 });
          audit(ctx, 'change-pin', target, 'denied', `PIN blocked after ${PIN_TRIES} wrong PINs`);
          return problem(409, 'PIN is blocked', `${PIN_TRIES} wrong PINs in a row: the PIN of this card is now blocked. Unblock it online or with the card's challenge.`, {
            currentStatus: card.status,
          });
        }
        store.put('pinStates', { ...pin, failedTries: tries });
        const left = PIN_TRIES - tries;
        fields.set('currentPin', 'incorrect', `The current PIN is not correct. ${left === 1 ? '1 try is' : `${left} tries are`} left before the PIN is blocked.`);
      }
      const newProblem = pinProblem(body.newPin);
      if (newProblem) errors.newPin = newProblem;
      else if (body.newPin === body.currentPin) errors.newPin = 'The new PIN must differ from the current one.';
      if (Object.keys(errors).length) {
        audit(ctx, 'change-pin', target, 'failed', Object.keys(errors).join(', '));
        return invalid(errors, fields.errorCodes);
      }
      commitPin(ctx, card, 'change-pin', { pinHash: secretHash(card.id, String(body.newPin)), pinBlocked: false });
      audit(ctx, 'change-pin', target, 'success');
      const v = changed(ctx, card);
      return cardJson(v, v.version);
    }),

    cardAction('unblock-pin', true, (ctx, card, body, target) => {
      const newProblem = pinProblem(body.newPin);
      if (newProblem) {
        audit(ctx, 'unblock-pin', target, 'failed', 'newPin');
        return invalid({ newPin: newProblem });
      }
      // Online: the system unblocks the card with the PUK it holds and sets the new PIN.
      commitPin(ctx, card, 'unblock-pin', { pinHash: secretHash(card.id, String(body.newPin)), pinBlocked: false });
      audit(ctx, 'unblock-pin', target, 'success', 'online, with the PUK held by the system');
      const v = changed(ctx, card);
      return cardJson(v, v.version);
    }),

    cardAction('unblock-pin-offline', true, (ctx, card, body, target) => {
      const challenge = normaliseChallenge(body.challenge);
      if (!challenge) {
        audit(ctx, 'unblock-pin-offline', target, 'failed', 'challenge');
        return invalid({ challenge: 'Enter the 16 hexadecimal digits (0–9, A–F) the card shows, e.g. 1A2B 3C4D 5E6F 7A8B.' });
      }
      const response = unblockResponse(card, challenge);
      // The new PIN is set at the card with the response; the system never learns it.
      commitPin(ctx, card, 'unblock-pin-offline', { pinHash: null, pinBlocked: false });
      audit(ctx, 'unblock-pin-offline', target, 'success', 'response issued');
      const v = changed(ctx, card);
      return cardJson({ response, card: v }, v.version);
    }),

    endpoint(store, 'post', '/self-service/card-requests', needs('self:request-card'), async (ctx) => {
      const target = 'POST /api/v1/self-service/card-requests';
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      const person = myPerson(ctx);
      // A card is requested for oneself only: another person's id is as unknown as no person.
      if (!person || namesSomeoneElse(ctx, body)) return notYou(ctx, 'request-card', target);
      if (person.status !== 'Active') {
        audit(ctx, 'request-card', target, 'failed', `person is ${person.status}`);
        return problem(409, 'Not possible in this state', `You are ${person.status}; only active persons request cards.`, { currentStatus: person.status });
      }
      const planned = plan({ db: store.db, now: Date.now(), actorPersonId: person.id }, { type: 'person', value: person }, 'request-card', {});
      if ('refused' in planned) {
        audit(ctx, 'request-card', target, 'failed', planned.detail);
        return problem(409, 'Not possible now', planned.detail.replace(`${person.displayName} already has`, 'You already have'));
      }
      commitPlan(store, planned, {
        objectId: person.id,
        action: 'request-card',
        actor: actorOf(ctx.account),
        before: person.status,
        after: person.status,
        label: person.displayName,
      });
      const card = planned.changes.find((c) => c.collection === 'cards')!.value as Card;
      const requestId = planned.changes.find((c) => c.collection === 'requests')!.value.id;
      audit(ctx, 'request-card', target, 'success', `card ${card.number}, request ${requestId}`);
      const result: SelfServiceCardRequestResult = { requestId, card: view(store.db.cards.get(card.id)!, ctx.principal, person.id) };
      return HttpResponse.json(result, { status: 201 });
    }),

    endpoint(store, 'post', '/self-service/password', needs('self:reset-password'), async (ctx) => {
      const target = 'POST /api/v1/self-service/password';
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      if (namesSomeoneElse(ctx, body)) return notYou(ctx, 'change-password', target);
      const refusal = requireStepUp(ctx, body, 'change-password', target);
      if (refusal) return refusal;
      let error = passwordProblem(body.newPassword, ctx.account.username);
      if (!error && body.newPassword === ctx.account.password) error = 'The new password must differ from the current one.';
      if (error) {
        audit(ctx, 'change-password', target, 'failed', 'newPassword');
        return invalid({ newPassword: error });
      }
      store.put('accounts', { ...ctx.account, password: String(body.newPassword) });
      // Whoever else holds a session of this account (another device, a thief) is signed out.
      const ended = store.endSessions(ctx.account.id, ctx.cookies[SESSION_COOKIE]);
      audit(ctx, 'change-password', target, 'success', ended ? `${ended} other sessions ended` : undefined);
      return new HttpResponse(null, { status: 204 });
    }),

    endpoint(store, 'post', '/self-service/password/reset', needs('self:reset-password'), async (ctx) => {
      const target = 'POST /api/v1/self-service/password/reset';
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      if (namesSomeoneElse(ctx, body)) return notYou(ctx, 'reset-password', target);
      const record = recordOf(ctx.account);
      if (record.securityPasswordHash === null) {
        audit(ctx, 'reset-password', target, 'failed', 'no security password registered');
        return problem(409, 'No security password', 'You have not registered a security password, so the password cannot be reset this way.');
      }
      // The security password is guessed no faster than the password at step-up.
      const guard = store.guards.stepUp;
      const key = `security-password:${ctx.account.id}`;
      const wait = guard.retryAfter(key);
      if (wait) {
        audit(ctx, 'reset-password', target, 'denied', 'locked out after too many wrong security passwords');
        return tooManyTries(wait, 'wrong security passwords');
      }
      const fields = fieldErrors();
      const { errors } = fields;
      if (typeof body.securityPassword !== 'string' || secretHash(ctx.account.id, body.securityPassword) !== record.securityPasswordHash) {
        fields.set('securityPassword', 'incorrect', 'The security password is not correct.');
        const locked = typeof body.securityPassword === 'string' && body.securityPassword ? guard.fail(key) : 0;
        if (locked) {
          audit(ctx, 'reset-password', target, 'denied', `locked for ${locked} s after 5 wrong security passwords`);
          return tooManyTries(locked, 'wrong security passwords');
        }
      } else guard.succeed(key);
      const error = passwordProblem(body.newPassword, ctx.account.username);
      if (error) errors.newPassword = error;
      if (Object.keys(errors).length) {
        audit(ctx, 'reset-password', target, errors.securityPassword ? 'denied' : 'failed', Object.keys(errors).join(', '));
        return invalid(errors, fields.errorCodes);
      }
      store.put('accounts', { ...ctx.account, password: String(body.newPassword) });
      const ended = store.endSessions(ctx.account.id, ctx.cookies[SESSION_COOKIE]);
      audit(ctx, 'reset-password', target, 'success', `with the security password${ended ? `; ${ended} other sessions ended` : ''}`);
      return new HttpResponse(null, { status: 204 });
    }),

    endpoint(store, 'put', '/self-service/security-password', needs('self:register-security-password'), async (ctx) => {
      const target = 'PUT /api/v1/self-service/security-password';
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      if (namesSomeoneElse(ctx, body)) return notYou(ctx, 'register-security-password', target);
      const record = recordOf(ctx.account);
      if (!record.registered) {
        audit(ctx, 'register-security-password', target, 'failed', 'not registered for self-service');
        return problem(409, 'Not registered', 'Register for self-service first.');
      }
      const refusal = requireStepUp(ctx, body, 'register-security-password', target);
      if (refusal) return refusal;
      let error = securityPasswordProblem(body.securityPassword);
      if (!error && body.securityPassword === ctx.account.password) error = 'The security password must differ from your password.';
      if (error) {
        audit(ctx, 'register-security-password', target, 'failed', 'securityPassword');
        return invalid({ securityPassword: error });
      }
      const at = new Date().toISOString();
      store.put('selfService', { ...record, securityPasswordHash: secretHash(ctx.account.id, String(body.securityPassword)), securityPasswordSetAt: at });
      audit(ctx, 'register-security-password', target, 'success');
      const answer: SelfServiceRegistration = { registered: true, at };
      return HttpResponse.json(answer);
    }),

    endpoint(store, 'post', '/self-service/registration', needs('self:register'), async (ctx) => {
      const target = 'POST /api/v1/self-service/registration';
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      if (namesSomeoneElse(ctx, body)) return notYou(ctx, 'register', target);
      const record = recordOf(ctx.account);
      if (record.registered) {
        audit(ctx, 'register', target, 'failed', 'already registered');
        return problem(409, 'Already registered', 'You are registered for self-service already.');
      }
      const next: SelfServiceRecord = { ...record, registered: true, registeredAt: new Date().toISOString() };
      store.put('selfService', next);
      audit(ctx, 'register', target, 'success');
      return HttpResponse.json(registrationJson(next));
    }),

    endpoint(store, 'delete', '/self-service/registration', needs('self:deregister'), async (ctx) => {
      const target = 'DELETE /api/v1/self-service/registration';
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      if (namesSomeoneElse(ctx, body)) return notYou(ctx, 'deregister', target);
      const record = recordOf(ctx.account);
      if (!record.registered) {
        audit(ctx, 'deregister', target, 'failed', 'not registered');
        return problem(409, 'Not registered', 'You are not registered for self-service.');
      }
      const refusal = requireStepUp(ctx, body, 'deregister', target);
      if (refusal) return refusal;
      // Deregistering withdraws the registration and its security password; cards are not touched.
      const next: SelfServiceRecord = { ...record, registered: false, registeredAt: null, securityPasswordHash: null, securityPasswordSetAt: null };
      store.put('selfService', next);
      audit(ctx, 'deregister', target, 'success');
      return HttpResponse.json(registrationJson(next));
    }),
  ];
}
