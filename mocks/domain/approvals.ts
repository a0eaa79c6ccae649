/**
 * Deciding tasks: card approvals (one approver, two for contractors' cards), PRIME user activation
 * and registration review. Separation of duties: nobody decides a request they made or one about
 * themselves, and nobody decides the same request twice.
 */
import type { Principal } from '../../src/access/model';
import type { TaskBlock, TaskDecision, TaskDecisionKind } from '../../src/api/types';
import type { Account, Db, TaskRecord } from '../db/schema';
import type { Change } from './actions';
import { mayWorkOn } from './tasks';
import { rolesAfter } from './users';

export const REJECT_REASONS = ['Not entitled to a card', 'Incomplete or wrong information', 'Duplicate request', 'Identity not verified'] as const;

export const isOpen = (t: TaskRecord) => t.status === 'Open' || t.status === 'Postponed';
export const approvalsOf = (t: TaskRecord) => t.decisions.filter((d) => d.decision === 'approve').length;

export function blockOf(t: TaskRecord, account: Account): TaskBlock | null {
  if (t.requestedById === account.personId) return 'own-request';
  if (t.subjectId === account.personId) return 'about-self';
  if (t.decisions.some((d) => d.actor.username === account.username && d.decision !== 'postpone')) return 'already-acted';
  return null;
}

export function taskActions(t: TaskRecord, principal: Principal, account: Account): TaskDecisionKind[] {
  if (!isOpen(t) || !mayWorkOn(principal, t.type) || blockOf(t, account)) return [];
  return ['approve', 'reject', 'postpone'];
}

export interface DecisionResult {
  changes: Change[];
  /** What the history of the decided objects shows: object id, before, after. */
  touched: { id: string; before: string; after: string }[];
}

/** The changes a decision makes. Call only for an open task the actor may decide. */
export function decide(db: Db, t: TaskRecord, decision: TaskDecisionKind, entry: TaskDecision): DecisionResult {
  const decisions = [...t.decisions, entry];
  const changes: Change[] = [];
  const touched: DecisionResult['touched'] = [];
  const approvals = decisions.filter((d) => d.decision === 'approve').length;
  let status: TaskRecord['status'] = t.status;
  if (decision === 'postpone') status = 'Postponed';
  if (decision === 'reject') status = 'Rejected';
  if (decision === 'approve') status = approvals >= t.approvalsRequired ? 'Approved' : t.status;
  changes.push({ collection: 'tasks', value: { ...t, status, decisions, version: t.version + 1 } });
  if (status !== 'Approved' && status !== 'Rejected') return { changes, touched };

  const approved = status === 'Approved';
  if (t.type === 'card-approval') {
    const request = t.requestId ? db.requests.get(t.requestId) : undefined;
    if (request) changes.push({ collection: 'requests', value: { ...request, status: approved ? 'Approved' : 'Rejected', version: request.version + 1 } });
    const card = t.cardId ? db.cards.get(t.cardId) : undefined;
    if (card && card.status === 'Requested') {
      const after = approved ? 'Approved' : 'Rejected';
      changes.push({ collection: 'cards', value: { ...card, status: after, version: card.version + 1 } });
      touched.push({ id: card.id, before: card.status, after });
    }
  } else if (t.type === 'registration-review' && approved) {
    const p = db.persons.get(t.subjectId);
    if (p && p.status === 'Registered') {
      changes.push({ collection: 'persons', value: { ...p, status: 'Active', version: p.version + 1 } });
      touched.push({ id: p.id, before: p.status, after: 'Active' });
    }
  } else if (t.type === 'prime-user-activation' && approved) {
    // Registered (never activated) or Inactive: either becomes Active.
    const account = db.accounts.find((a) => a.personId === t.subjectId && a.status !== 'Active');
    // An Inactive account comes back with the default role only, as by Reactivate (DOMAIN §3.3).
    const roles = account?.status === 'Inactive' ? rolesAfter('reactivate', account.roles) : account?.roles;
    if (account && roles) changes.push({ collection: 'accounts', value: { ...account, status: 'Active', roles, version: (account.version ?? 1) + 1 } });
  }
  return { changes, touched };
}
