/** The server certificate approver: the queue of server registrations and certificate requests, and deciding them. */
import { HttpResponse } from 'msw';
import { can, type Permission } from '../../../src/access/model';
import type { DigitalIdApproval, DigitalIdApprovalBlock } from '../../../src/api/types';
import type { Account } from '../../db/schema';
import { DIGITAL_ID_REJECT_REASONS, SERVER_CERTIFICATE_DAYS, type ServerCertificateRecord, type ServerRecord } from '../../domain/digitalId';
import { endpoint, ifMatchState, inTenant, paginate, preconditionRequired, problem, readJsonObject, readPageQuery, type Ctx } from '../http';
import { DAY, type DigitalIdContext } from './context';

const BLOCK_TEXT: Record<DigitalIdApprovalBlock, string> = {
  'own-request': 'You made this request; another approver must decide it.',
  responsible: 'You are responsible for this server; another approver must decide it.',
};

export function approvalHandlers(c: DigitalIdContext) {
  const { store, db, now, ref, audit, denied, serverView, certView } = c;

  type Pending = { kind: 'server-registration'; server: ServerRecord; record: ServerRecord } | { kind: 'server-certificate'; server: ServerRecord; record: ServerCertificateRecord };
  const pendingOf = (id: string, tenantId: string): Pending | null => {
    const server = db().servers.get(id);
    if (server && inTenant(server, tenantId)) return { kind: 'server-registration', server, record: server };
    const cert = db().serverCertificates.get(id);
    const certServer = cert ? db().servers.get(cert.serverId) : undefined;
    if (cert && certServer && inTenant(cert, tenantId)) return { kind: 'server-certificate', server: certServer, record: cert };
    return null;
  };
  const approvalPermission = (p: Pending): Permission => (p.kind === 'server-registration' ? 'server:approve' : 'server-certificate:approve');
  const blockOf = (p: Pending, account: Account): DigitalIdApprovalBlock | null => {
    if (p.record.requestedById === account.personId) return 'own-request';
    if (p.server.responsibleIds.includes(account.personId)) return 'responsible';
    return null;
  };
  const approvalView = (p: Pending, ctx: Ctx): DigitalIdApproval => {
    const block = blockOf(p, ctx.account);
    const open = p.record.status === 'Pending approval' && can(ctx.principal, approvalPermission(p)) && !block;
    return {
      id: p.record.id,
      kind: p.kind,
      version: p.record.version,
      createdAt: p.record.createdAt,
      requestedBy: ref(p.record.requestedById),
      server: serverView(p.server, ctx.principal),
      certificate: p.kind === 'server-certificate' ? certView(p.record, ctx.principal) : null,
      allowedActions: open ? ['approve', 'reject'] : [],
      blockedBecause: p.record.status === 'Pending approval' ? block : null,
      rejectReasons: open ? [...DIGITAL_ID_REJECT_REASONS] : [],
    };
  };

  return [
    endpoint(store, 'get', '/digital-id/approvals', { right: 'Digital ID' }, (ctx) => {
      const servers = can(ctx.principal, 'server:approve');
      const certs = can(ctx.principal, 'server-certificate:approve');
      if (!servers && !certs) return denied(ctx, 'approval.list', 'approvals', 'server:approve');
      const pq = readPageQuery(ctx, ['createdAt']);
      if (pq instanceof Response) return pq;
      const pending: Pending[] = [];
      if (servers) for (const s of db().servers.all()) if (s.status === 'Pending approval' && inTenant(s, ctx.tenantId)) pending.push({ kind: 'server-registration', server: s, record: s });
      if (certs) {
        for (const c of db().serverCertificates.all()) {
          const server = db().servers.get(c.serverId);
          if (c.status === 'Pending approval' && server && inTenant(c, ctx.tenantId)) pending.push({ kind: 'server-certificate', server, record: c });
        }
      }
      // Oldest first: the queue is worked in order.
      pending.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
      const page = paginate(pending, pq);
      return HttpResponse.json({ ...page, items: page.items.map((p) => approvalView(p, ctx)) });
    }),

    endpoint(store, 'post', '/digital-id/approvals/:id/actions/:decision', { right: 'Digital ID' }, async (ctx) => {
      const id = String(ctx.params.id);
      const decision = String(ctx.params.decision);
      const pending = pendingOf(id, ctx.tenantId);
      if (!pending || (decision !== 'approve' && decision !== 'reject')) return problem(404, 'Not found', decision === 'approve' || decision === 'reject' ? 'There is no such approval.' : `There is no decision “${decision}”.`);
      const permission = approvalPermission(pending);
      if (!can(ctx.principal, permission)) return denied(ctx, `approval.${decision}`, id, permission);
      const block = blockOf(pending, ctx.account);
      if (block && pending.record.status === 'Pending approval') {
        audit(ctx, `approval.${decision}`, id, 'denied', `separation of duties: ${block}`);
        return problem(403, 'Separation of duties', BLOCK_TEXT[block]);
      }
      const match = ifMatchState(ctx.request, pending.record.version);
      if (match === 'missing') return preconditionRequired();
      if (match === 'stale') return problem(412, 'Changed meanwhile', 'This request was changed or decided since you loaded it. Reload it and decide again.', { currentVersion: pending.record.version });
      if (pending.record.status !== 'Pending approval') {
        const detail = `This request is already decided (${pending.record.status}).`;
        audit(ctx, `approval.${decision}`, id, 'failed', detail);
        return problem(409, 'Already decided', detail, { currentStatus: pending.record.status });
      }
      const read = await readJsonObject(ctx.request);
      if (read instanceof Response) return read;
      const reason = read.reason;
      if (decision === 'reject' && (typeof reason !== 'string' || !(DIGITAL_ID_REJECT_REASONS as readonly string[]).includes(reason))) {
        return problem(422, 'Reason required', 'Choose a reason from the list.', { errors: { reason: `Choose one of: ${DIGITAL_ID_REJECT_REASONS.join(', ')}.` }, errorCodes: { reason: 'required' } });
      }
      const decided = { decidedById: ctx.account.personId, decidedAt: now(), version: pending.record.version + 1 };
      let next: Pending;
      if (pending.kind === 'server-registration') {
        const s: ServerRecord = { ...pending.record, ...decided, status: decision === 'approve' ? 'Approved' : 'Rejected', rejectReason: decision === 'reject' ? String(reason) : null };
        store.put('servers', s);
        next = { kind: 'server-registration', server: s, record: s };
      } else {
        const from = Date.now();
        const serial = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
        // Approving a request issues the certificate: Valid, waiting for its installation to be confirmed.
        const c: ServerCertificateRecord =
          decision === 'approve'
            ? { ...pending.record, ...decided, status: 'Valid', serialNumber: serial, validFrom: new Date(from).toISOString(), validTo: new Date(from + SERVER_CERTIFICATE_DAYS * DAY).toISOString() }
            : { ...pending.record, ...decided, status: 'Rejected', rejectReason: String(reason) };
        store.put('serverCertificates', c);
        next = { kind: 'server-certificate', server: pending.server, record: c };
      }
      audit(ctx, `approval.${decision}`, id, 'success', `${pending.kind} ${decision === 'approve' ? 'approved' : `rejected: ${String(reason)}`}`);
      return HttpResponse.json(approvalView(next, ctx));
    }),
  ];
}
