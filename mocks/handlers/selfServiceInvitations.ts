/** Self-Service meeting invitations: the caller's own, answering them and inviting others. */
import { HttpResponse } from 'msw';
import { can } from '../../src/access/model';
import type { Invitation, InvitationAction, InvitationResponse, Person } from '../../src/api/types';
import type { Store } from '../db/store';
import { INVITATION_PERMISSION, MAX_INVITES, invitationActions, isEmail, meetingOver, type InvitationRecord } from '../domain/selfServiceCredentials';
import { endpoint, fieldErrors, ifMatchState, inTenant, paginate, preconditionRequired, problem, readJsonObject, readPageQuery, type Ctx } from './http';
import { auditOf, etag, ownPersonOf, selfServiceAccess as access } from './ownObjects';

const INVITATION_SORT = ['startsAt', 'title'] as const;

export function selfServiceInvitationHandlers(store: Store) {
  const db = () => store.db;
  const ownPerson = (ctx: Ctx) => ownPersonOf(store, ctx);
  const audit = auditOf(store);

  const myParticipant = (row: InvitationRecord, personId: string | undefined) => row.participants.find((p) => p.personId === personId);
  const invitationView = (ctx: Ctx, row: InvitationRecord, personId: string): Invitation => {
    const organiser = db().persons.get(row.organiserId);
    const over = meetingOver(row.endsAt);
    const myResponse = myParticipant(row, personId)?.response ?? 'pending';
    return {
      id: row.id,
      title: row.title,
      organiser: { id: row.organiserId, displayName: organiser?.displayName ?? 'Unknown organiser' },
      location: row.location,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      over,
      myResponse,
      participants: row.participants.map((p) => ({
        email: p.email,
        displayName: p.personId ? (db().persons.get(p.personId)?.displayName ?? null) : null,
        response: p.response,
      })),
      version: row.version,
      allowedActions: invitationActions(myResponse, over, can(ctx.principal, 'invitation:respond'), can(ctx.principal, 'invitation:invite-participant')),
    };
  };
  /** The caller's own invitation; another person's, another tenant's or an unknown id is null (404). */
  const ownInvitation = (ctx: Ctx): { row: InvitationRecord; person: Person } | null => {
    const person = ownPerson(ctx);
    const row = db().invitations.get(ctx.params.id as string);
    return person && row && inTenant(row, ctx.tenantId) && myParticipant(row, person.id) ? { row, person } : null;
  };
  /** 404, If-Match and the meeting not over, shared by the three invitation actions. */
  const invitationPrecheck = (ctx: Ctx, action: InvitationAction): { row: InvitationRecord; person: Person; mine: InvitationResponse } | Response => {
    const found = ownInvitation(ctx);
    const target = `invitation ${String(ctx.params.id)}`;
    if (!found) {
      audit(ctx, `self-service.invitation.${action}`, target, 'denied', 'not one of the caller\'s own');
      return problem(404, 'Not found', 'You have no such invitation.');
    }
    const { row, person } = found;
    const state = ifMatchState(ctx.request, row.version);
    if (state === 'missing') return preconditionRequired();
    if (state === 'stale') {
      audit(ctx, `self-service.invitation.${action}`, target, 'failed', `stale version; now ${row.version}`);
      return problem(412, 'Changed meanwhile', 'This invitation changed since you loaded it. Reload it and try again.', { currentVersion: row.version });
    }
    const mine = myParticipant(row, person.id)!.response;
    if (meetingOver(row.endsAt)) {
      audit(ctx, `self-service.invitation.${action}`, target, 'failed', 'meeting is over');
      return problem(409, 'Meeting is over', `“${row.title}” has ended; it can no longer be answered or changed.`, { currentStatus: 'over' });
    }
    return { row, person, mine };
  };

  const respond = (response: 'accepted' | 'denied', action: 'accept' | 'deny') => async (ctx: Ctx) => {
    const pre = invitationPrecheck(ctx, action);
    if (pre instanceof Response) return pre;
    const { row, person, mine } = pre;
    if (mine === response) {
      audit(ctx, `self-service.invitation.${action}`, `invitation ${row.id}`, 'failed', `already ${response}`);
      return problem(409, `Already ${response}`, `You have already ${response} “${row.title}”.`, { currentStatus: response });
    }
    const next: InvitationRecord = {
      ...row,
      participants: row.participants.map((p) => (p.personId === person.id ? { ...p, response } : p)),
      version: row.version + 1,
    };
    store.put('invitations', next);
    audit(ctx, `self-service.invitation.${action}`, `invitation ${row.id}`, 'success', `${mine} → ${response}`);
    return HttpResponse.json(invitationView(ctx, next, person.id), { headers: etag(next.version) });
  };

  return [
    endpoint(store, 'get', '/self-service/invitations', access('invitation:respond'), (ctx) => {
      const pq = readPageQuery(ctx, INVITATION_SORT);
      if (pq instanceof Response) return pq;
      const person = ownPerson(ctx);
      const rows = person ? db().invitations.filter((r) => inTenant(r, ctx.tenantId) && !!myParticipant(r, person.id)) : [];
      // Upcoming meetings first, soonest on top; meetings that are over last.
      rows.sort((a, b) => Number(meetingOver(a.endsAt)) - Number(meetingOver(b.endsAt)) || a.startsAt.localeCompare(b.startsAt));
      return HttpResponse.json(paginate(rows.map((r) => invitationView(ctx, r, person!.id)), pq));
    }),
    endpoint(store, 'post', '/self-service/invitations/:id/actions/accept', access(INVITATION_PERMISSION.accept), respond('accepted', 'accept')),
    endpoint(store, 'post', '/self-service/invitations/:id/actions/deny', access(INVITATION_PERMISSION.deny), respond('denied', 'deny')),
    endpoint(store, 'post', '/self-service/invitations/:id/actions/invite', access(INVITATION_PERMISSION.invite), async (ctx) => {
      const pre = invitationPrecheck(ctx, 'invite');
      if (pre instanceof Response) return pre;
      const { row, person, mine } = pre;
      if (mine !== 'accepted') {
        audit(ctx, 'self-service.invitation.invite', `invitation ${row.id}`, 'failed', `invitee has ${mine}`);
        return problem(409, 'Accept first', 'Only participants who have accepted the invitation can invite others.', { currentStatus: mine });
      }
      const body = await readJsonObject(ctx.request);
      if (body instanceof Response) return body;
      const fields = fieldErrors();
      const { errors } = fields;
      const emails = body.emails;
      const clean: string[] = [];
      if (!Array.isArray(emails) || emails.length === 0) fields.set('emails', 'required', 'Enter at least one e-mail address.');
      else if (emails.length > MAX_INVITES) fields.set('emails', 'too-many', `Invite at most ${MAX_INVITES} people at a time.`);
      else {
        const existing = new Set(row.participants.map((p) => p.email.toLowerCase()));
        emails.forEach((raw, i) => {
          const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
          const key = `emails[${i}]`;
          if (!isEmail(email)) errors[key] = `${typeof raw === 'string' && raw.trim() ? `“${raw.trim()}”` : 'This'} is not a valid e-mail address.`;
          else if (existing.has(email)) fields.set(key, 'taken', `${email} is already invited.`);
          else if (clean.includes(email)) fields.set(key, 'duplicate', `${email} is listed twice.`);
          clean.push(email);
        });
      }
      if (Object.keys(errors).length) {
        audit(ctx, 'self-service.invitation.invite', `invitation ${row.id}`, 'failed', 'invalid e-mail addresses');
        return problem(422, 'Check the addresses', 'Some e-mail addresses cannot be invited.', { errors, errorCodes: fields.errorCodes });
      }
      const added = clean.map((email) => {
        const known = db().persons.find((p) => p.email.toLowerCase() === email && inTenant(p, ctx.tenantId));
        return { email, personId: known?.id ?? null, response: 'pending' as const, invitedById: person.id };
      });
      const next: InvitationRecord = { ...row, participants: [...row.participants, ...added], version: row.version + 1 };
      store.put('invitations', next);
      audit(ctx, 'self-service.invitation.invite', `invitation ${row.id}`, 'success', `invited ${clean.join(', ')}`);
      return HttpResponse.json(invitationView(ctx, next, person.id), { headers: etag(next.version) });
    }),
  ];
}
