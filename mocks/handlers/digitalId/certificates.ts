/** Server certificates: the list, requesting one (a CSR or a generated key), revoking, confirming the installation and renewing. */
import { HttpResponse } from 'msw';
import type { FieldErrorCode, ServerCertificateAction, ServerCertificateCreated } from '../../../src/api/types';
import { csrMismatch, parseCsr } from '../../domain/csr';
import { generateP12Password, SERVER_CERTIFICATE_ACTIONS, type ServerCertificateRecord } from '../../domain/digitalId';
import { REVOKE_REASONS } from '../../domain/lifecycle';
import { endpoint, ifMatchState, inTenant, paginate, preconditionRequired, problem, readJsonObject, readPageQuery } from '../http';
import { SERVER_PERMISSIONS, CERT_STATUSES, type DigitalIdContext } from './context';

export function serverCertificateHandlers(c: DigitalIdContext) {
  const { store, db, now, audit, denied, anyOf, certBlock, certView, newCertificateId } = c;

  return [
    endpoint(store, 'get', '/digital-id/server-certificates', { right: 'Digital ID' }, (ctx) => {
      if (!anyOf(ctx.principal, SERVER_PERMISSIONS)) return denied(ctx, 'server-certificate.list', 'server-certificates', 'server-certificate:manage');
      const pq = readPageQuery(ctx, ['commonName', 'status', 'validTo', 'createdAt']);
      if (pq instanceof Response) return pq;
      const status = ctx.url.searchParams.get('status');
      if (status && !(CERT_STATUSES as string[]).includes(status)) {
        return problem(422, 'Invalid query', 'Some query parameters are not valid.', { errors: { status: `status must be one of ${CERT_STATUSES.join(', ')}.` } });
      }
      const serverId = ctx.url.searchParams.get('serverId');
      const q = pq.q;
      const items = db()
        .serverCertificates.filter((c) => inTenant(c, ctx.tenantId) && (!status || c.status === status) && (!serverId || c.serverId === serverId) && (!q || c.commonName.includes(q) || (c.serialNumber ?? '').includes(q) || c.sanDns.some((d) => d.includes(q))))
        .reverse();
      const page = paginate(items, pq);
      return HttpResponse.json({ ...page, items: page.items.map((c) => certView(c, ctx.principal)) });
    }),

    endpoint(store, 'post', '/digital-id/server-certificates', { permission: 'server-certificate:request', right: { right: 'Digital ID' } }, async (ctx) => {
      const read = await readJsonObject(ctx.request);
      if (read instanceof Response) return read;
      const { serverId, format, csr } = read;
      const errors: Record<string, string> = {};
      const server = typeof serverId === 'string' ? db().servers.get(serverId) : undefined;
      const errorCodes: Record<string, FieldErrorCode> = {};
      if (!server || !inTenant(server, ctx.tenantId)) [errors.serverId, errorCodes.serverId] = ['Choose a registered server.', 'unknown'];
      if (format !== 'pkcs10' && format !== 'pkcs12') errors.format = 'Choose pkcs10 (upload a CSR) or pkcs12 (the key is made for you).';
      if (format === 'pkcs10' && (typeof csr !== 'string' || !csr.trim())) [errors.csr, errorCodes.csr] = ['Paste or upload the certificate signing request (PEM).', 'required'];
      if (format === 'pkcs12' && csr !== undefined) errors.csr = 'A PKCS#12 request takes no CSR; the key pair is generated for you.';
      const target = `server ${typeof serverId === 'string' ? serverId : '?'}`;
      if (Object.keys(errors).length || !server) {
        audit(ctx, 'server-certificate.request', target, 'failed', 'invalid input');
        return problem(422, 'Check the request', 'Some fields are not valid; nothing was requested.', { errors, errorCodes });
      }
      if (server.status !== 'Approved') {
        audit(ctx, 'server-certificate.request', target, 'failed', `server is ${server.status}`);
        return problem(409, 'Not possible in this state', `The server ${server.commonName} is ${server.status}; certificates are requested for approved servers only.`, { currentStatus: server.status });
      }
      let names = { commonName: server.commonName, sanDns: [...server.sanDns], sanIps: [...server.sanIps], keyAlgorithm: 'RSA 3072' };
      if (format === 'pkcs10') {
        const parsed = await parseCsr(String(csr));
        const error = parsed.ok ? csrMismatch(parsed.csr, server) : parsed.error;
        if (error || !parsed.ok) {
          audit(ctx, 'server-certificate.request', target, 'failed', error ?? 'invalid CSR');
          return problem(422, 'The CSR does not fit', error ?? 'The CSR is not valid.', { errors: { csr: error ?? 'The CSR is not valid.' } });
        }
        const c = parsed.csr;
        names = { commonName: c.commonName!.toLowerCase(), sanDns: c.sanDns, sanIps: c.sanIps, keyAlgorithm: c.keyAlgorithm };
      }
      const record: ServerCertificateRecord = {
        id: newCertificateId(), serverId: server.id, format: format === 'pkcs10' ? 'pkcs10' : 'pkcs12', status: 'Pending approval', ...names,
        serialNumber: null, validFrom: null, validTo: null, installedAt: null, requestedById: ctx.account.personId, createdAt: now(),
        decidedById: null, decidedAt: null, rejectReason: null, revokedAt: null, revocationReason: null, renewalOf: null, version: 1, tenantId: ctx.tenantId,
      };
      store.put('serverCertificates', record);
      audit(ctx, 'server-certificate.request', record.id, 'success', `${format} for ${server.commonName}, waiting for approval`);
      // The PKCS#12 password is answered this once and never stored.
      const body: ServerCertificateCreated = { certificate: certView(record, ctx.principal), p12Password: format === 'pkcs12' ? generateP12Password() : null };
      return HttpResponse.json(body, { status: 201 });
    }),

    endpoint(store, 'post', '/digital-id/server-certificates/:id/actions/:action', { permission: 'server-certificate:manage', right: { right: 'Digital ID' } }, async (ctx) => {
      const id = String(ctx.params.id);
      const action = String(ctx.params.action) as ServerCertificateAction;
      const cert = db().serverCertificates.get(id);
      if (!cert || !inTenant(cert, ctx.tenantId)) return problem(404, 'Not found', 'There is no such server certificate.');
      if (!(action in SERVER_CERTIFICATE_ACTIONS)) return problem(404, 'Not found', `A server certificate has no action “${action}”.`);
      const match = ifMatchState(ctx.request, cert.version);
      if (match === 'missing') return preconditionRequired();
      if (match === 'stale') return problem(412, 'Changed meanwhile', 'This certificate was changed by someone else since you loaded it. Reload it and try again.', { currentVersion: cert.version });
      const read = await readJsonObject(ctx.request);
      if (read instanceof Response) return read;
      const block = certBlock(cert, action);
      if (block) {
        audit(ctx, `server-certificate.${action}`, id, 'failed', block);
        return problem(409, (SERVER_CERTIFICATE_ACTIONS[action].from as readonly string[]).includes(cert.status) ? 'Not possible now' : 'Not possible in this state', block, { currentStatus: cert.status });
      }
      if (action === 'revoke') {
        const reason = read.reason;
        if (typeof reason !== 'string' || !(REVOKE_REASONS as readonly string[]).includes(reason)) {
          return problem(422, 'Reason required', 'Choose a reason from the list.', { errors: { reason: `Choose one of: ${REVOKE_REASONS.join(', ')}.` }, errorCodes: { reason: 'required' } });
        }
        const next = { ...cert, status: 'Revoked' as const, revokedAt: now(), revocationReason: reason, version: cert.version + 1 };
        store.put('serverCertificates', next);
        audit(ctx, 'server-certificate.revoke', id, 'success', `revoked: ${reason}`);
        return HttpResponse.json(certView(next, ctx.principal));
      }
      if (action === 'confirm-installation') {
        const lockPrevious = read.lockPrevious;
        if (lockPrevious !== undefined && typeof lockPrevious !== 'boolean') return problem(422, 'Invalid request', 'lockPrevious must be true or false.', { errors: { lockPrevious: 'Must be true or false.' } });
        const next = { ...cert, installedAt: now(), version: cert.version + 1 };
        store.put('serverCertificates', next);
        let detail = 'installation confirmed';
        // The certificate this one replaces is locked, which for a certificate means revoked as superseded.
        const previous = cert.renewalOf ? db().serverCertificates.get(cert.renewalOf) : undefined;
        if (lockPrevious && previous && previous.status === 'Valid') {
          store.put('serverCertificates', { ...previous, status: 'Revoked', revokedAt: now(), revocationReason: 'Superseded', version: previous.version + 1 });
          detail += `; ${previous.id} revoked as superseded`;
        }
        audit(ctx, 'server-certificate.confirm-installation', id, 'success', detail);
        return HttpResponse.json(certView(next, ctx.principal));
      }
      // renew: a new request for the same names, waiting for approval like the first.
      const record: ServerCertificateRecord = {
        ...cert, id: newCertificateId(), status: 'Pending approval', serialNumber: null, validFrom: null, validTo: null, installedAt: null,
        requestedById: ctx.account.personId, createdAt: now(), decidedById: null, decidedAt: null, rejectReason: null, revokedAt: null, revocationReason: null,
        renewalOf: cert.id, version: 1,
      };
      store.put('serverCertificates', record);
      audit(ctx, 'server-certificate.renew', id, 'success', `renewal ${record.id} waiting for approval`);
      const body: ServerCertificateCreated = { certificate: certView(record, ctx.principal), p12Password: cert.format === 'pkcs12' ? generateP12Password() : null };
      return HttpResponse.json(body, { status: 201 });
    }),
  ];
}
