/**
 * What a lifecycle action does to the store: the state change, its cascades (certificates follow
 * their card, a locked person locks every credential…), and the history of every object it touches.
 * One plan serves both the preview the console shows before confirming and the change itself.
 */
import type { Principal } from '../../src/access/model';
import type {
  ActionDetail,
  ActionEffect,
  Card,
  Certificate,
  Credential,
  HistoryEntry,
  Person,
  TemporaryCard,
} from '../../src/api/types';
import type { Account, Db, RequestRecord, TaskRecord } from '../db/schema';
import type { Store } from '../db/store';
import { allowedActions, certificateStatusAfterCard, ruleOf, type ActionOf, type ObjectType } from './lifecycle';

const DAY = 86_400_000;
const FINAL_CARD = ['Locked', 'Expired', 'Rejected', 'Aborted'];
const LIVE_CERT = ['Issued', 'Valid', 'On hold'];

export type Change =
  | { collection: 'persons'; value: Person }
  | { collection: 'cards'; value: Card }
  | { collection: 'temporaryCards'; value: TemporaryCard }
  | { collection: 'certificates'; value: Certificate }
  | { collection: 'credentials'; value: Credential }
  | { collection: 'requests'; value: RequestRecord }
  | { collection: 'tasks'; value: TaskRecord }
  | { collection: 'accounts'; value: Account };

export interface Plan {
  changes: Change[];
  effects: ActionEffect[];
}

export interface Refusal {
  refused: true;
  status: 409 | 422;
  detail: string;
  errors?: Record<string, string>;
}

export interface ActionInput {
  reason?: string;
  personId?: string;
}

export interface Ctx {
  db: Db;
  now: number;
  actorPersonId: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const count = (effects: ActionEffect[], code: ActionEffect['code'], n: number) => {
  if (n > 0) effects.push({ code, count: n });
};

function nextId(prefix: string, size: number, width = 6) {
  return `${prefix}-${String(size + 1).padStart(width, '0')}`;
}

/** Certificates of a card follow the card's action. */
function certChanges(db: Db, cardId: string, cardAction: string): Certificate[] {
  const out: Certificate[] = [];
  for (const c of db.certificates.all()) {
    if (c.cardId !== cardId) continue;
    const status = certificateStatusAfterCard(cardAction, c.status) as Certificate['status'];
    if (status !== c.status) out.push({ ...c, status, version: c.version + 1 });
  }
  return out;
}

export function newCardRequest(ctx: Ctx, person: Person, changes: Change[], effects: ActionEffect[]) {
  const { db, now } = ctx;
  const card: Card = {
    id: nextId('card', db.cards.size),
    number: `NV${String(400000 + db.cards.size + 1).padStart(8, '0')}`,
    personId: person.id,
    type: person.type,
    status: 'Requested',
    validFrom: iso(now),
    validTo: iso(now + 3 * 365 * DAY),
    version: 1,
  };
  const request: RequestRecord = {
    id: nextId('req', db.requests.size),
    type: 'card-request',
    status: 'Requested',
    personId: person.id,
    cardId: card.id,
    requestedById: ctx.actorPersonId,
    createdAt: iso(now),
    version: 1,
  };
  const task: TaskRecord = {
    id: nextId('t', db.tasks.size),
    type: 'card-approval',
    status: 'Open',
    createdAt: iso(now),
    requestedById: ctx.actorPersonId,
    subjectId: person.id,
    cardId: card.id,
    requestId: request.id,
    // Contractors' cards need two approvers.
    approvalsRequired: person.type === 'contractor' ? 2 : 1,
    decisions: [],
    version: 1,
  };
  changes.push({ collection: 'cards', value: card }, { collection: 'requests', value: request }, { collection: 'tasks', value: task });
  effects.push({ code: 'new-card-requested', count: 1 }, { code: 'approval-task', count: 1 });
}

function planPerson(ctx: Ctx, p: Person, action: string): Plan | Refusal {
  const { db } = ctx;
  const changes: Change[] = [];
  const effects: ActionEffect[] = [];
  const cards = db.cards.filter((c) => c.personId === p.id);
  switch (action) {
    case 'request-card': {
      const pending = cards.find((c) => ['Registered', 'Requested', 'Approved', 'Issued'].includes(c.status));
      if (pending) return { refused: true, status: 409, detail: `${p.displayName} already has card ${pending.number} in state ${pending.status}.` };
      newCardRequest(ctx, p, changes, effects);
      return { changes, effects };
    }
    case 'issue-temporary-card': {
      const free = db.temporaryCards.find((t) => t.status === 'Unassigned');
      if (!free) return { refused: true, status: 409, detail: 'No temporary card is free; add temporary cards to the pool first.' };
      if (db.temporaryCards.find((t) => t.personId === p.id && t.status === 'Assigned')) {
        return { refused: true, status: 409, detail: `${p.displayName} already has a temporary card.` };
      }
      // A temporary card for a forgotten card is valid for one day by default.
      changes.push(...assignTemporary(ctx, free, p, ctx.now + DAY));
      effects.push({ code: 'temporary-card-issued', count: 1 });
      let n = 0;
      for (const c of cards.filter((c) => c.status === 'Active')) {
        n += 1;
        changes.push({ collection: 'cards', value: { ...c, status: 'Inactive', version: c.version + 1 } });
        for (const cert of certChanges(db, c.id, 'deactivate')) changes.push({ collection: 'certificates', value: cert });
      }
      count(effects, 'permanent-card-inactive', n);
      return { changes, effects };
    }
    case 'deactivate':
    case 'reactivate': {
      const deactivate = action === 'deactivate';
      const to = deactivate ? 'Inactive' : 'Active';
      changes.push({ collection: 'persons', value: { ...p, status: to, version: p.version + 1 } });
      effects.push({ code: 'state', to });
      let nCards = 0;
      let nCerts = 0;
      for (const c of cards.filter((c) => c.status === (deactivate ? 'Active' : 'Inactive'))) {
        nCards += 1;
        changes.push({ collection: 'cards', value: { ...c, status: to, version: c.version + 1 } });
        for (const cert of certChanges(db, c.id, action)) {
          nCerts += 1;
          changes.push({ collection: 'certificates', value: cert });
        }
      }
      count(effects, deactivate ? 'cards-inactive' : 'cards-active', nCards);
      count(effects, deactivate ? 'certificates-on-hold' : 'certificates-valid', nCerts);
      let nCreds = 0;
      for (const cr of db.credentials.filter((c) => c.personId === p.id && c.status === (deactivate ? 'Active' : 'Inactive'))) {
        nCreds += 1;
        changes.push({ collection: 'credentials', value: { ...cr, status: to, version: cr.version + 1 } });
      }
      if (deactivate) count(effects, 'credentials-inactive', nCreds);
      return { changes, effects };
    }
    case 'lock': {
      changes.push({ collection: 'persons', value: { ...p, status: 'Locked', version: p.version + 1 } });
      effects.push({ code: 'state', to: 'Locked' });
      let nCards = 0;
      for (const c of cards.filter((c) => !FINAL_CARD.includes(c.status))) {
        nCards += 1;
        changes.push({ collection: 'cards', value: { ...c, status: c.status === 'Requested' ? 'Aborted' : 'Locked', version: c.version + 1 } });
      }
      count(effects, 'cards-locked', nCards);
      let nTemp = 0;
      for (const t of db.temporaryCards.filter((t) => t.personId === p.id && t.status === 'Assigned')) {
        nTemp += 1;
        changes.push({ collection: 'temporaryCards', value: { ...t, status: 'Locked', version: t.version + 1 } });
      }
      count(effects, 'temporary-cards-locked', nTemp);
      let nCreds = 0;
      for (const cr of db.credentials.filter((c) => c.personId === p.id && c.status !== 'Locked')) {
        nCreds += 1;
        changes.push({ collection: 'credentials', value: { ...cr, status: 'Locked', version: cr.version + 1 } });
      }
      count(effects, 'credentials-locked', nCreds);
      let nCerts = 0;
      for (const cert of db.certificates.filter((c) => c.personId === p.id && LIVE_CERT.includes(c.status))) {
        nCerts += 1;
        changes.push({ collection: 'certificates', value: { ...cert, status: 'Revoked', version: cert.version + 1 } });
      }
      count(effects, 'certificates-revoked', nCerts);
      for (const r of db.requests.filter((r) => r.personId === p.id && r.status === 'Requested')) {
        changes.push({ collection: 'requests', value: { ...r, status: 'Aborted', version: r.version + 1 } });
        changes.push(...withdrawTasks(db, r.id));
      }
      return { changes, effects };
    }
    case 'reset-password':
      effects.push({ code: 'password-reset-mail' });
      return { changes, effects };
  }
  return { refused: true, status: 409, detail: `Unknown action ${action}.` };
}

function withdrawTasks(db: Db, requestId: string): Change[] {
  return db.tasks
    .filter((t) => t.requestId === requestId && (t.status === 'Open' || t.status === 'Postponed'))
    .map((t) => ({ collection: 'tasks' as const, value: { ...t, status: 'Withdrawn' as const } }));
}

function assignTemporary(ctx: Ctx, t: TemporaryCard, holder: Person, validTo: number): Change[] {
  const { db } = ctx;
  const cert: Certificate = {
    id: nextId('cert', db.certificates.size),
    cardId: t.id,
    personId: holder.id,
    type: 'authentication',
    status: 'Valid',
    serialNumber: `${t.number.toLowerCase()}${String(db.certificates.size).padStart(8, '0')}`.slice(-16),
    validTo: iso(validTo),
    version: 1,
  };
  return [
    { collection: 'temporaryCards', value: { ...t, status: 'Assigned', personId: holder.id, validTo: iso(validTo), version: t.version + 1 } },
    { collection: 'certificates', value: cert },
  ];
}

function planCard(ctx: Ctx, card: Card, action: string): Plan | Refusal {
  const { db } = ctx;
  const changes: Change[] = [];
  const effects: ActionEffect[] = [];
  const rule = ruleOf('card', action)!;
  const holder = db.persons.get(card.personId);
  if (action === 'reactivate' && holder?.status !== 'Active') {
    return { refused: true, status: 409, detail: `The card can be reactivated only while its holder is Active; the holder is ${holder?.status ?? 'unknown'}.` };
  }
  if (action === 'renew') {
    changes.push({ collection: 'cards', value: { ...card, validTo: iso(ctx.now + 3 * 365 * DAY), version: card.version + 1 } });
    // Authentication and signature certificates are replaced; encryption certificates are kept.
    let n = 0;
    let size = db.certificates.size;
    for (const c of db.certificates.filter((c) => c.cardId === card.id && c.status === 'Valid' && c.type !== 'encryption')) {
      n += 1;
      changes.push({ collection: 'certificates', value: { ...c, status: 'Revoked', version: c.version + 1 } });
      changes.push({
        collection: 'certificates',
        value: { ...c, id: nextId('cert', size++), serialNumber: `${c.serialNumber.slice(0, 8)}${String(size).padStart(8, '0')}`, validTo: iso(ctx.now + 3 * 365 * DAY), version: 1 },
      });
    }
    count(effects, 'certificates-renewed', n);
    return { changes, effects };
  }
  const to = rule.to as Card['status'];
  changes.push({ collection: 'cards', value: { ...card, status: to, version: card.version + 1 } });
  effects.push({ code: 'state', to });
  const certs = certChanges(db, card.id, action);
  for (const c of certs) changes.push({ collection: 'certificates', value: c });
  const code = { activate: 'certificates-valid', deactivate: 'certificates-on-hold', reactivate: 'certificates-valid', lock: 'certificates-revoked', replace: 'certificates-revoked' } as const;
  if (action in code) count(effects, code[action as keyof typeof code], certs.length);
  if (action === 'replace' && holder) newCardRequest(ctx, holder, changes, effects);
  if (action === 'abort') {
    for (const r of db.requests.filter((r) => r.cardId === card.id && r.status === 'Requested')) {
      changes.push({ collection: 'requests', value: { ...r, status: 'Aborted', version: r.version + 1 } });
      changes.push(...withdrawTasks(db, r.id));
      effects.push({ code: 'request-aborted', count: 1 });
    }
  }
  return { changes, effects };
}

function planTemporary(ctx: Ctx, t: TemporaryCard, action: string, input: ActionInput): Plan | Refusal {
  const { db } = ctx;
  const changes: Change[] = [];
  const effects: ActionEffect[] = [];
  const revokeCerts = () => {
    let n = 0;
    for (const c of db.certificates.filter((c) => c.cardId === t.id && LIVE_CERT.includes(c.status))) {
      n += 1;
      changes.push({ collection: 'certificates', value: { ...c, status: 'Revoked', version: c.version + 1 } });
    }
    count(effects, 'certificates-revoked', n);
  };
  if (action === 'assign') {
    const holder = input.personId ? db.persons.get(input.personId) : undefined;
    if (!input.personId) return { refused: true, status: 422, detail: 'Choose the person who gets the card.', errors: { personId: 'Choose a person.' } };
    if (!holder) return { refused: true, status: 422, detail: 'There is no such person.', errors: { personId: 'There is no such person.' } };
    if (holder.status !== 'Active') return { refused: true, status: 409, detail: `${holder.displayName} is ${holder.status}; only active persons get a temporary card.` };
    changes.push(...assignTemporary(ctx, t, holder, ctx.now + 14 * DAY));
    effects.push({ code: 'state', to: 'Assigned' });
    return { changes, effects };
  }
  if (action === 'withdraw') {
    changes.push({ collection: 'temporaryCards', value: { ...t, status: 'Unassigned', personId: null, version: t.version + 1 } });
    effects.push({ code: 'state', to: 'Unassigned' });
    revokeCerts();
    // Returned because it is no longer needed: the permanent card works again. Lost: it stays inactive.
    if (t.personId && input.reason !== 'Lost') {
      let n = 0;
      for (const c of db.cards.filter((c) => c.personId === t.personId && c.status === 'Inactive')) {
        n += 1;
        changes.push({ collection: 'cards', value: { ...c, status: 'Active', version: c.version + 1 } });
        for (const cert of certChanges(db, c.id, 'reactivate')) changes.push({ collection: 'certificates', value: cert });
      }
      count(effects, 'permanent-card-active', n);
    }
    return { changes, effects };
  }
  // lock
  changes.push({ collection: 'temporaryCards', value: { ...t, status: 'Locked', version: t.version + 1 } });
  effects.push({ code: 'state', to: 'Locked' });
  revokeCerts();
  return { changes, effects };
}

function planCertificate(c: Certificate): Plan {
  return {
    changes: [{ collection: 'certificates', value: { ...c, status: 'Revoked', version: c.version + 1 } }],
    effects: [{ code: 'state', to: 'Revoked' }],
  };
}

export type Actionable = { type: 'person'; value: Person } | { type: 'card'; value: Card } | { type: 'temporary-card'; value: TemporaryCard } | { type: 'certificate'; value: Certificate };

export function plan(ctx: Ctx, obj: Actionable, action: string, input: ActionInput): Plan | Refusal {
  switch (obj.type) {
    case 'person':
      return planPerson(ctx, obj.value, action);
    case 'card':
      return planCard(ctx, obj.value, action);
    case 'temporary-card':
      return planTemporary(ctx, obj.value, action, input);
    case 'certificate':
      return planCertificate(obj.value);
  }
}

/** What the console needs to offer the actions: reasons to choose from and what each will do. */
export function describeActions<T extends ObjectType>(
  db: Db,
  obj: Extract<Actionable, { type: T }>,
  principal: Principal,
  actorPersonId: string,
): { allowedActions: ActionOf[T][]; actionDetails: Record<string, ActionDetail> } {
  const actions = allowedActions<T>(obj.type as T, obj.value.status, principal.permissions);
  const details: Record<string, ActionDetail> = {};
  const ctx: Ctx = { db, now: Date.now(), actorPersonId };
  for (const a of actions) {
    const rule = ruleOf(obj.type, a)!;
    const p = plan(ctx, obj, a, {});
    details[a] = {
      reasons: rule.reasons ? [...rule.reasons] : null,
      effects: 'refused' in p ? [] : p.effects,
      ...(obj.type === 'temporary-card' && a === 'assign' ? { needs: 'personId' as const } : {}),
    };
  }
  return { allowedActions: actions, actionDetails: details };
}

export const TYPE_COLLECTION: Record<ObjectType, 'persons' | 'cards' | 'temporaryCards' | 'certificates'> = {
  person: 'persons',
  card: 'cards',
  'temporary-card': 'temporaryCards',
  certificate: 'certificates',
};

/** Applies a plan: every change, and a history entry on each object it touches. */
export function commitPlan(
  store: Store,
  planned: Plan,
  origin: { objectId: string; action: string; actor: HistoryEntry['actor']; reason?: string; before: string; after: string; label: string },
) {
  const at = new Date().toISOString();
  const history = (e: Omit<HistoryEntry, 'id' | 'at' | 'actor'>) =>
    store.put('history', { id: nextId('h', store.db.history.size, 8), at, actor: origin.actor, ...e });
  history({ objectId: origin.objectId, action: origin.action, outcome: 'success', before: origin.before, after: origin.after, ...(origin.reason ? { reason: origin.reason } : {}) });
  for (const change of planned.changes) {
    const before = (store.db[change.collection].get(change.value.id) as { status?: string } | undefined)?.status;
    store.put(change.collection, change.value as never);
    if (change.value.id === origin.objectId || change.collection === 'tasks' || change.collection === 'requests') continue;
    const after = (change.value as { status?: string }).status;
    history({
      objectId: change.value.id,
      action: before === undefined ? 'created' : origin.action,
      outcome: 'success',
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
      detail: `By ${origin.action} of ${origin.label}`,
      ...(origin.reason ? { reason: origin.reason } : {}),
    });
  }
}
