import { HttpResponse } from 'msw';
import type { Principal } from '../../src/access/model';
import type { Task, TaskDecisionKind, TaskDetail } from '../../src/api/types';
import type { Account, TaskRecord } from '../db/schema';
import type { Store } from '../db/store';
import { approvalsOf, blockOf, decide, isOpen, REJECT_REASONS, taskActions } from '../domain/approvals';
import { mayWorkOn, TASK_PERMISSION } from '../domain/tasks';
import { personInTenant } from '../domain/tenancy';
import { endpoint, ifMatchState, paginate, preconditionRequired, invalidFields, problem, readJsonObject, readPageQuery, wrongTypes } from './http';

const DECISIONS: TaskDecisionKind[] = ['approve', 'reject', 'postpone'];
const BLOCK_TEXT = {
  'own-request': 'You made this request; someone else must decide it.',
  'about-self': 'This request is about you; someone else must decide it.',
  'already-acted': 'You have already decided on this request; another approver must give the next decision.',
} as const;

export function taskHandlers(store: Store) {
  const db = () => store.db;
  const ref = (personId: string) => {
    const p = db().persons.get(personId);
    return { id: personId, displayName: p?.displayName ?? 'Unknown person' };
  };
  const summary = (t: TaskRecord): Task => ({
    id: t.id,
    type: t.type,
    status: t.status,
    createdAt: t.createdAt,
    requestedBy: ref(t.requestedById),
    subject: ref(t.subjectId),
    approvalsRequired: t.approvalsRequired,
    approvals: approvalsOf(t),
  });
  const detail = (t: TaskRecord, principal: Principal, account: Account): TaskDetail => {
    const subject = db().persons.get(t.subjectId)!;
    const requester = db().persons.get(t.requestedById);
    const request = t.requestId ? db().requests.get(t.requestId) : undefined;
    const card = t.cardId ? db().cards.get(t.cardId) : undefined;
    return {
      ...summary(t),
      version: t.version,
      allowedActions: taskActions(t, principal, account),
      blockedBecause: isOpen(t) ? blockOf(t, account) : null,
      decisions: t.decisions,
      rejectReasons: [...REJECT_REASONS],
      subjectPerson: {
        id: subject.id,
        displayName: subject.displayName,
        personalId: subject.personalId,
        email: subject.email,
        orgUnit: subject.orgUnit,
        organization: subject.organization,
        type: subject.type,
        status: subject.status,
      },
      requester: requester ? { id: requester.id, displayName: requester.displayName, email: requester.email, orgUnit: requester.orgUnit } : null,
      request: request ? { id: request.id, status: request.status, createdAt: request.createdAt } : null,
      card: card ? { id: card.id, number: card.number, type: card.type, status: card.status, validTo: card.validTo } : null,
    };
  };
  // A task belongs to the tenant of the person it is about.
  const visible = (id: string, principal: Principal, tenantId: string) => {
    const t = db().tasks.get(id);
    return t && mayWorkOn(principal, t.type) && personInTenant(db(), t.subjectId, tenantId) ? t : undefined;
  };

  return [
    endpoint(store, 'get', '/tasks', { right: 'Open Tasks' }, ({ url, request, principal, tenantId }) => {
      const pq = readPageQuery({ url, request }, ['createdAt', 'type', 'status']);
      if (pq instanceof Response) return pq;
      const type = url.searchParams.get('type');
      const status = url.searchParams.get('status');
      const errors: Record<string, string> = {};
      if (type && !['card-approval', 'prime-user-activation', 'registration-review'].includes(type)) errors.type = 'type must be card-approval, prime-user-activation or registration-review.';
      if (status && !['Open', 'Postponed'].includes(status)) errors.status = 'status must be Open or Postponed.';
      if (Object.keys(errors).length) return problem(422, 'Invalid query', 'Some filters are not valid.', { errors });
      const items = db()
        .tasks.filter((t) => isOpen(t) && mayWorkOn(principal, t.type) && (!type || t.type === type) && (!status || t.status === status) && personInTenant(db(), t.subjectId, tenantId))
        .map(summary)
        .filter((t) => !pq.q || t.subject.displayName.toLowerCase().includes(pq.q));
      return HttpResponse.json(paginate(items, pq.sort ? pq : { ...pq, sort: { field: 'createdAt', dir: 'desc' } }));
    }),

    endpoint(store, 'get', '/tasks/:id', { right: 'Open Tasks' }, ({ params, principal, account, tenantId }) => {
      const t = visible(String(params.id), principal, tenantId);
      if (!t) return problem(404, 'Not found', 'There is no such task for you.');
      const body = detail(t, principal, account);
      return HttpResponse.json(body, { headers: { ETag: `"${body.version}"` } });
    }),

    endpoint(store, 'post', '/tasks/:id/actions/:decision', { right: 'Open Tasks' }, async ({ params, principal, account, request, tenantId }) => {
      const decision = String(params.decision) as TaskDecisionKind;
      const target = `POST /api/v1/tasks/${String(params.id)}/actions/${decision}`;
      const inTenant = db().tasks.get(String(params.id));
      if (!inTenant || !personInTenant(db(), inTenant.subjectId, tenantId)) return problem(404, 'Not found', 'There is no such task for you.');
      if (!DECISIONS.includes(decision)) return problem(404, 'Not found', `A task has no action “${decision}”.`);
      // A decision on a task of a type one may not decide is refused as such, naming the permission.
      if (!mayWorkOn(principal, inTenant.type)) {
        const permission = TASK_PERMISSION[inTenant.type];
        store.audit({ actor: account.username, action: `task-${decision}`, target, outcome: 'denied', detail: `missing permission ${permission}`, tenantId });
        return problem(403, 'Access denied', `Deciding this task needs the permission ${permission}.`, { missingPermission: permission });
      }
      const t = inTenant;
      const actor = { username: account.username, displayName: db().persons.get(account.personId)?.displayName ?? account.username };
      if (!isOpen(t)) {
        const last = [...t.decisions].reverse().find((d) => d.decision !== 'postpone');
        const by = last ? ` by ${last.actor.displayName} at ${last.at}` : '';
        store.audit({ actor: account.username, action: `task-${decision}`, target, outcome: 'failed', detail: `task ${t.status}`, tenantId });
        return problem(409, 'Already decided', `This task is ${t.status}${by}.`, { currentStatus: t.status });
      }
      const block = blockOf(t, account);
      if (block) {
        store.audit({ actor: account.username, action: `task-${decision}`, target, outcome: 'denied', detail: block, tenantId });
        return problem(block === 'already-acted' ? 409 : 403, 'Separation of duties', BLOCK_TEXT[block], { type: '/problems/separation-of-duties' });
      }
      const match = ifMatchState(request, t.version);
      if (match === 'missing') return preconditionRequired();
      if (match === 'stale') {
        return problem(412, 'Changed meanwhile', 'This task changed since you opened it. Reload it and decide again.', { currentVersion: t.version });
      }
      const raw = await readJsonObject(request);
      if (raw instanceof Response) return raw;
      const typeErrors = wrongTypes(raw, { reason: 'string' });
      if (Object.keys(typeErrors).length) return invalidFields(typeErrors);
      const body = raw as { reason?: string };
      if (decision === 'reject' && (!body.reason || !(REJECT_REASONS as readonly string[]).includes(body.reason))) {
        return problem(422, 'Reason required', 'Choose why the request is rejected.', { errors: { reason: `Choose one of: ${REJECT_REASONS.join(', ')}.` }, errorCodes: { reason: 'required' } });
      }
      const at = new Date().toISOString();
      const result = decide(db(), t, decision, { decision, actor, at, ...(body.reason ? { reason: body.reason } : {}) });
      for (const c of result.changes) store.put(c.collection, c.value as never);
      for (const x of result.touched) {
        store.put('history', {
          id: `h-${String(store.db.history.size + 1).padStart(8, '0')}`,
          objectId: x.id,
          at,
          actor,
          action: decision,
          outcome: 'success',
          before: x.before,
          after: x.after,
          detail: `Task ${t.id}`,
          ...(body.reason ? { reason: body.reason } : {}),
        });
      }
      store.audit({ actor: account.username, action: `task-${decision}`, target, outcome: 'success', ...(body.reason ? { detail: `reason: ${body.reason}` } : {}), tenantId });
      const fresh = detail(db().tasks.get(t.id)!, principal, account);
      return HttpResponse.json(fresh, { headers: { ETag: `"${fresh.version}"` } });
    }),
  ];
}
