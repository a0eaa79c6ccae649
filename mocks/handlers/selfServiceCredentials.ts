import { HttpResponse } from 'msw';
import type { Permission } from '../../src/access/model';
import type {
  Certificate,
  CertificateType,
  Credential,
  CredentialCertificate,
  CredentialStatus,
  MobileIdActivation,
  SelfMobileId,
  SelfSoftwareToken,
  SelfVirtualSmartCard,
  SoftwareTokenPassphrase,
} from '../../src/api/types';
import { can } from '../../src/access/model';
import type { Store } from '../db/store';
import {
  ACTIVATION_TTL_MS,
  MOBILE_ID_RULES,
  SOFTWARE_TOKEN_RULES,
  VSC_LOCK_REASONS,
  VSC_RULES,
  isPin,
  newActivationCode,
  newPassphrase,
  normaliseCode,
  runtimeId,
  sha256,
  type CredentialSecretRecord,
} from '../domain/selfServiceCredentials';
import { endpoint, ifMatchState, paginate, preconditionRequired, problem, readJsonObject, readPageQuery, type Ctx } from './http';
import { auditOf, etag, ownPersonOf, selfServiceAccess as access } from './ownObjects';
import { requireStepUp } from './stepUp';

type Kind = Credential['kind'];
const LABEL: Record<Kind, string> = { 'mobile-id': 'mobile ID', 'virtual-smart-card': 'virtual smart card', 'software-token': 'software token' };
const NEW_LABEL: Record<Kind, string> = { 'mobile-id': 'Mobile ID', 'virtual-smart-card': 'Virtual smart card', 'software-token': 'Software token' };
const CERTS: Record<Kind, readonly CertificateType[]> = {
  'mobile-id': ['authentication', 'signature'],
  'virtual-smart-card': ['authentication', 'signature', 'encryption'],
  'software-token': ['authentication', 'encryption'],
};
const CREDENTIAL_SORT = ['createdAt', 'label', 'status'] as const;
const YEAR = 365 * 86_400_000;

/** Secrets (a passphrase, an activation code) must not be kept by any cache on the way. */
const secretHeaders = (version: number) => ({ ...etag(version), 'Cache-Control': 'no-store' });

const readBody = (request: Request) => readJsonObject(request);

/** Self-Service of mobile ID, software token and virtual smart card users: their own credentials only. */
export function selfServiceCredentialHandlers(store: Store) {
  const db = () => store.db;

  const ownPerson = (ctx: Ctx) => ownPersonOf(store, ctx);
  /** The caller's own credential of a kind; another person's, another kind or an unknown id is null (404). */
  const ownCredential = (ctx: Ctx, id: string | undefined, kind: Kind): Credential | null => {
    const c = id ? db().credentials.get(id) : undefined;
    return c && c.kind === kind && ownPerson(ctx)?.id === c.personId ? c : null;
  };
  const secretOf = (id: string): CredentialSecretRecord =>
    db().credentialSecrets.get(id) ?? { id, activationCodeHash: null, activationExpiresAt: null, passphraseHash: null, passphraseIssuedAt: null, pinChangedAt: null };
  const certificatesOf = (credentialId: string): CredentialCertificate[] =>
    db()
      .certificates.filter((c) => c.cardId === credentialId)
      .map(({ id, type, status, validTo }) => ({ id, type, status, validTo }));
  const allowed = <A extends string>(ctx: Ctx, c: Credential, rules: Record<A, { permission: Permission; from: CredentialStatus[] }>): A[] =>
    (Object.keys(rules) as A[]).filter((a) => rules[a].from.includes(c.status) && can(ctx.principal, rules[a].permission));

  const mobileView = (ctx: Ctx, c: Credential): SelfMobileId => {
    const expires = secretOf(c.id).activationExpiresAt;
    return {
      ...c,
      kind: 'mobile-id',
      certificates: certificatesOf(c.id),
      activationExpiresAt: c.status === 'Registered' ? expires : null,
      allowedActions: allowed(ctx, c, MOBILE_ID_RULES),
    };
  };
  const tokenView = (ctx: Ctx, c: Credential): SelfSoftwareToken => ({
    ...c,
    kind: 'software-token',
    certificates: certificatesOf(c.id),
    passphraseIssuedAt: secretOf(c.id).passphraseIssuedAt,
    allowedActions: allowed(ctx, c, SOFTWARE_TOKEN_RULES),
  });
  const vscView = (ctx: Ctx, c: Credential): SelfVirtualSmartCard => ({
    ...c,
    kind: 'virtual-smart-card',
    certificates: certificatesOf(c.id),
    pinChangedAt: secretOf(c.id).pinChangedAt,
    allowedActions: allowed(ctx, c, VSC_RULES),
  });

  const audit = auditOf(store);
  const actorOf = (ctx: Ctx) => ({ username: ctx.account.username, displayName: ownPerson(ctx)?.displayName ?? ctx.account.username });
  const history = (ctx: Ctx, objectId: string, action: string, before: string, after: string, extra: { reason?: string; detail?: string } = {}) =>
    store.put('history', {
      id: `h-${String(db().history.size + 1).padStart(8, '0')}`,
      objectId,
      at: new Date().toISOString(),
      actor: actorOf(ctx),
      action,
      outcome: 'success',
      before,
      after,
      ...extra,
    });

  /** Stores a credential's new state and version; its certificates follow `certStatus` where given. */
  const saveCredential = (c: Credential, status: CredentialStatus, certStatus?: (cert: Certificate) => Certificate['status']): Credential => {
    const next: Credential = { ...c, status, version: c.version + 1 };
    store.put('credentials', next);
    if (certStatus) {
      for (const cert of db().certificates.filter((x) => x.cardId === c.id)) {
        const s = certStatus(cert);
        if (s !== cert.status) store.put('certificates', { ...cert, status: s, version: cert.version + 1 });
      }
    }
    return next;
  };
  const issueCertificates = (c: Credential) => {
    const validTo = new Date(Date.now() + 2 * YEAR).toISOString();
    for (const type of CERTS[c.kind]) {
      const hex = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
      store.put('certificates', { id: runtimeId('cert'), cardId: c.id, personId: c.personId, type, status: 'Valid', serialNumber: hex, validTo, version: 1 });
    }
  };

  /**
   * The checks every credential action shares, in order: own object (404), If-Match (428/412), state
   * (409 with currentStatus). Refusals are audited.
   */
  const precheck = (ctx: Ctx, kind: Kind, action: string, from: readonly CredentialStatus[]): Credential | Response => {
    const id = ctx.params.id as string | undefined;
    const target = `${kind} ${id ?? ''}`;
    const c = ownCredential(ctx, id, kind);
    if (!c) {
      audit(ctx, `self-service.${kind}.${action}`, target, 'denied', 'not one of the caller\'s own');
      return problem(404, 'Not found', `You have no such ${LABEL[kind]}.`);
    }
    const state = ifMatchState(ctx.request, c.version);
    if (state === 'missing') return preconditionRequired();
    if (state === 'stale') {
      audit(ctx, `self-service.${kind}.${action}`, target, 'failed', `stale version; now ${c.version}`);
      return problem(412, 'Changed meanwhile', `This ${LABEL[kind]} changed since you loaded it. Reload it and try again.`, { currentVersion: c.version });
    }
    if (!from.includes(c.status)) {
      audit(ctx, `self-service.${kind}.${action}`, target, 'failed', `state ${c.status}`);
      return problem(409, 'Not possible in this state', `The ${LABEL[kind]} is ${c.status}; ${action} is not possible in that state.`, {
        currentStatus: c.status,
      });
    }
    return c;
  };

  /** Requests a new credential of a kind unless `blocking` finds one that stands in the way (409). */
  const requestCredential = (ctx: Ctx, kind: Kind, blocking: (c: Credential) => boolean, why: string): Credential | Response => {
    const person = ownPerson(ctx);
    if (!person) return problem(404, 'Not found', 'No person record is linked to this account in this tenant.');
    const existing = db().credentials.find((c) => c.personId === person.id && c.kind === kind && blocking(c));
    if (existing) {
      audit(ctx, `self-service.${kind}.request`, `person ${person.id}`, 'failed', `${existing.id} is ${existing.status}`);
      return problem(409, 'Not possible now', why.replace('{label}', existing.label).replace('{status}', existing.status), { currentStatus: existing.status });
    }
    const c: Credential = { id: runtimeId('cred'), personId: person.id, kind, label: NEW_LABEL[kind], status: 'Registered', createdAt: new Date().toISOString(), version: 1 };
    store.put('credentials', c);
    history(ctx, c.id, 'request', 'none', 'Registered', { detail: 'Requested in Self-Service' });
    audit(ctx, `self-service.${kind}.request`, `${kind} ${c.id}`, 'success');
    return c;
  };

  const ownCollection = (ctx: Ctx, kind: Kind) => {
    const person = ownPerson(ctx);
    const rows = person ? db().credentials.filter((c) => c.personId === person.id && c.kind === kind) : [];
    return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  };

  return [
    // ---- Mobile ID ----

    endpoint(store, 'get', '/self-service/mobile-ids', access('self:activate-mobile-id'), (ctx) => {
      const pq = readPageQuery(ctx, CREDENTIAL_SORT);
      if (pq instanceof Response) return pq;
      return HttpResponse.json(paginate(ownCollection(ctx, 'mobile-id').map((c) => mobileView(ctx, c)), pq));
    }),
    endpoint(store, 'post', '/self-service/mobile-ids', access('self:activate-mobile-id'), (ctx) => {
      const c = requestCredential(ctx, 'mobile-id', (x) => x.status !== 'Locked', 'You already have {label} ({status}); a new mobile ID is only for people without one or with locked ones.');
      if (c instanceof Response) return c;
      return HttpResponse.json(mobileView(ctx, c), { status: 201, headers: etag(c.version) });
    }),
    endpoint(store, 'post', '/self-service/mobile-ids/:id/actions/activate', access(MOBILE_ID_RULES.activate.permission), async (ctx) => {
      const c = precheck(ctx, 'mobile-id', 'activate', MOBILE_ID_RULES.activate.from);
      if (c instanceof Response) return c;
      const activationCode = newActivationCode();
      const expiresAt = new Date(Date.now() + ACTIVATION_TTL_MS).toISOString();
      // A new code replaces the previous one.
      store.put('credentialSecrets', { ...secretOf(c.id), activationCodeHash: await sha256(normaliseCode(activationCode)), activationExpiresAt: expiresAt });
      audit(ctx, 'self-service.mobile-id.activate', `mobile-id ${c.id}`, 'success', `code valid until ${expiresAt}`);
      const body: MobileIdActivation = {
        activationCode,
        expiresAt,
        qrPayload: `prime-mobile-id://activate?tenant=${encodeURIComponent(ctx.tenantId)}&id=${encodeURIComponent(c.id)}&code=${activationCode}`,
        mobileId: mobileView(ctx, c),
      };
      return HttpResponse.json(body, { headers: secretHeaders(c.version) });
    }),
    endpoint(store, 'post', '/self-service/mobile-ids/:id/actions/confirm', access(MOBILE_ID_RULES.confirm.permission), async (ctx) => {
      const c = precheck(ctx, 'mobile-id', 'confirm', MOBILE_ID_RULES.confirm.from);
      if (c instanceof Response) return c;
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      const code = typeof body.activationCode === 'string' ? normaliseCode(body.activationCode) : '';
      if (!code) return problem(422, 'Code required', 'Enter the code shown in the app.', { errors: { activationCode: 'Enter the code shown in the app.' }, errorCodes: { activationCode: 'required' } });
      const secret = secretOf(c.id);
      if (!secret.activationCodeHash || !secret.activationExpiresAt || Date.parse(secret.activationExpiresAt) <= Date.now()) {
        audit(ctx, 'self-service.mobile-id.confirm', `mobile-id ${c.id}`, 'failed', 'activation code expired or never asked for');
        return problem(409, 'Code expired', 'The activation code has expired. Get a new code and scan it again.', {
          type: '/problems/activation-expired',
          currentStatus: c.status,
        });
      }
      if ((await sha256(code)) !== secret.activationCodeHash) {
        audit(ctx, 'self-service.mobile-id.confirm', `mobile-id ${c.id}`, 'failed', 'wrong activation code');
        return problem(422, 'Wrong code', 'This is not the code of the current activation.', {
          errors: { activationCode: 'This is not the code of the current activation. Check it, or get a new code.' },
          errorCodes: { activationCode: 'incorrect' },
        });
      }
      store.put('credentialSecrets', { ...secret, activationCodeHash: null, activationExpiresAt: null });
      const next = saveCredential(c, 'Active');
      issueCertificates(next);
      history(ctx, c.id, 'activate', c.status, 'Active', { detail: 'Activated with the mobile app' });
      audit(ctx, 'self-service.mobile-id.confirm', `mobile-id ${c.id}`, 'success', 'Registered → Active');
      return HttpResponse.json(mobileView(ctx, next), { headers: etag(next.version) });
    }),

    // ---- Software tokens ----

    endpoint(store, 'get', '/self-service/software-tokens', access('self:request-software-token'), (ctx) => {
      const pq = readPageQuery(ctx, CREDENTIAL_SORT);
      if (pq instanceof Response) return pq;
      return HttpResponse.json(paginate(ownCollection(ctx, 'software-token').map((c) => tokenView(ctx, c)), pq));
    }),
    endpoint(store, 'post', '/self-service/software-tokens', access('self:request-software-token'), (ctx) => {
      const c = requestCredential(ctx, 'software-token', (x) => x.status === 'Registered', '{label} is waiting for you to accept the terms; accept them in My tasks first.');
      if (c instanceof Response) return c;
      return HttpResponse.json(tokenView(ctx, c), { status: 201, headers: etag(c.version) });
    }),
    endpoint(store, 'post', '/self-service/software-tokens/:id/actions/accept-terms', access(SOFTWARE_TOKEN_RULES['accept-terms'].permission), async (ctx) => {
      const c = precheck(ctx, 'software-token', 'accept-terms', SOFTWARE_TOKEN_RULES['accept-terms'].from);
      if (c instanceof Response) return c;
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      if (body.termsAccepted !== true) {
        return problem(422, 'Accept the terms', 'Tick that you accept the terms and conditions.', { errors: { termsAccepted: 'Accept the terms and conditions to get the token.' }, errorCodes: { termsAccepted: 'required' } });
      }
      const passphrase = newPassphrase();
      const at = new Date().toISOString();
      store.put('credentialSecrets', { ...secretOf(c.id), passphraseHash: await sha256(passphrase), passphraseIssuedAt: at });
      const next = saveCredential(c, 'Active');
      issueCertificates(next);
      history(ctx, c.id, 'accept-terms', c.status, 'Active', { detail: 'Terms accepted; PKCS#12 issued' });
      audit(ctx, 'self-service.software-token.accept-terms', `software-token ${c.id}`, 'success', 'Registered → Active; passphrase shown once');
      const answer: SoftwareTokenPassphrase = { passphrase, softwareToken: tokenView(ctx, next) };
      return HttpResponse.json(answer, { headers: secretHeaders(next.version) });
    }),
    endpoint(store, 'post', '/self-service/software-tokens/:id/actions/recover', access(SOFTWARE_TOKEN_RULES.recover.permission), async (ctx) => {
      const c = precheck(ctx, 'software-token', 'recover', SOFTWARE_TOKEN_RULES.recover.from);
      if (c instanceof Response) return c;
      const passphrase = newPassphrase();
      store.put('credentialSecrets', { ...secretOf(c.id), passphraseHash: await sha256(passphrase), passphraseIssuedAt: new Date().toISOString() });
      const next = saveCredential(c, c.status);
      history(ctx, c.id, 'recover', c.status, c.status, { detail: 'Encryption key recovered into a new PKCS#12 file' });
      audit(ctx, 'self-service.software-token.recover', `software-token ${c.id}`, 'success', 'new passphrase shown once');
      const answer: SoftwareTokenPassphrase = { passphrase, softwareToken: tokenView(ctx, next) };
      return HttpResponse.json(answer, { headers: secretHeaders(next.version) });
    }),
    endpoint(store, 'post', '/self-service/software-tokens/:id/actions/revoke', access(SOFTWARE_TOKEN_RULES.revoke.permission), async (ctx) => {
      const c = precheck(ctx, 'software-token', 'revoke', SOFTWARE_TOKEN_RULES.revoke.from);
      if (c instanceof Response) return c;
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      const refused = requireStepUp(ctx, body, 'self-service.software-token.revoke', `software-token ${c.id}`);
      if (refused) return refused;
      const next = saveCredential(c, 'Locked', (cert) => (cert.status === 'Valid' || cert.status === 'On hold' || cert.status === 'Issued' ? 'Revoked' : cert.status));
      history(ctx, c.id, 'revoke', c.status, 'Locked', { detail: 'Revoked by its holder; certificates revoked' });
      audit(ctx, 'self-service.software-token.revoke', `software-token ${c.id}`, 'success', 'Active → Locked; certificates revoked');
      return HttpResponse.json(tokenView(ctx, next), { headers: etag(next.version) });
    }),

    // ---- Virtual smart cards ----

    endpoint(store, 'get', '/self-service/virtual-smart-cards', access('self:request-vsc'), (ctx) => {
      const pq = readPageQuery(ctx, CREDENTIAL_SORT);
      if (pq instanceof Response) return pq;
      return HttpResponse.json(paginate(ownCollection(ctx, 'virtual-smart-card').map((c) => vscView(ctx, c)), pq));
    }),
    endpoint(store, 'post', '/self-service/virtual-smart-cards', access('self:request-vsc'), (ctx) => {
      const c = requestCredential(ctx, 'virtual-smart-card', (x) => x.status === 'Registered', '{label} is waiting for its certificates; provision it first.');
      if (c instanceof Response) return c;
      return HttpResponse.json(vscView(ctx, c), { status: 201, headers: etag(c.version) });
    }),
    endpoint(store, 'post', '/self-service/virtual-smart-cards/:id/actions/provision-certificates', access(VSC_RULES['provision-certificates'].permission), (ctx) => {
      const c = precheck(ctx, 'virtual-smart-card', 'provision-certificates', VSC_RULES['provision-certificates'].from);
      if (c instanceof Response) return c;
      const next = saveCredential(c, 'Active');
      issueCertificates(next);
      history(ctx, c.id, 'provision-certificates', c.status, 'Active', { detail: 'Authentication, signature and encryption certificates issued' });
      audit(ctx, 'self-service.virtual-smart-card.provision-certificates', `virtual-smart-card ${c.id}`, 'success', 'Registered → Active');
      return HttpResponse.json(vscView(ctx, next), { headers: etag(next.version) });
    }),
    endpoint(store, 'post', '/self-service/virtual-smart-cards/:id/actions/reset-pin', access(VSC_RULES['reset-pin'].permission), async (ctx) => {
      const c = precheck(ctx, 'virtual-smart-card', 'reset-pin', VSC_RULES['reset-pin'].from);
      if (c instanceof Response) return c;
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      const refused = requireStepUp(ctx, body, 'self-service.virtual-smart-card.reset-pin', `virtual-smart-card ${c.id}`);
      if (refused) return refused;
      if (!isPin(body.newPin)) {
        audit(ctx, 'self-service.virtual-smart-card.reset-pin', `virtual-smart-card ${c.id}`, 'failed', 'PIN not 6 to 8 digits');
        return problem(422, 'Check the PIN', 'The new PIN must be 6 to 8 digits.', { errors: { newPin: 'Enter 6 to 8 digits.' } });
      }
      // Only when it changed is kept; the PIN itself goes to the card, never into the store.
      store.put('credentialSecrets', { ...secretOf(c.id), pinChangedAt: new Date().toISOString() });
      const next = saveCredential(c, c.status);
      history(ctx, c.id, 'reset-pin', c.status, c.status, { detail: 'PIN reset by its holder' });
      audit(ctx, 'self-service.virtual-smart-card.reset-pin', `virtual-smart-card ${c.id}`, 'success');
      return HttpResponse.json(vscView(ctx, next), { headers: etag(next.version) });
    }),
    endpoint(store, 'post', '/self-service/virtual-smart-cards/:id/actions/lock', access(VSC_RULES.lock.permission), async (ctx) => {
      const c = precheck(ctx, 'virtual-smart-card', 'lock', VSC_RULES.lock.from);
      if (c instanceof Response) return c;
      const body = await readBody(ctx.request);
      if (body instanceof Response) return body;
      const refused = requireStepUp(ctx, body, 'self-service.virtual-smart-card.lock', `virtual-smart-card ${c.id}`);
      if (refused) return refused;
      const reason = body.reason;
      if (typeof reason !== 'string' || !(VSC_LOCK_REASONS as readonly string[]).includes(reason)) {
        audit(ctx, 'self-service.virtual-smart-card.lock', `virtual-smart-card ${c.id}`, 'failed', 'no reason from the list');
        return problem(422, 'Reason required', 'Choose why the card is locked.', { errors: { reason: `Choose one of: ${VSC_LOCK_REASONS.join(', ')}.` }, errorCodes: { reason: 'required' } });
      }
      const keep = body.keepEncryptionCertificate === true;
      const next = saveCredential(c, 'Locked', (cert) =>
        (keep && cert.type === 'encryption') || cert.status === 'Revoked' || cert.status === 'Expired' ? cert.status : 'Revoked',
      );
      history(ctx, c.id, 'lock', c.status, 'Locked', { reason, detail: keep ? 'Certificates revoked; encryption certificate kept' : 'Certificates revoked' });
      audit(ctx, 'self-service.virtual-smart-card.lock', `virtual-smart-card ${c.id}`, 'success', `${c.status} → Locked (${reason})${keep ? '; encryption certificate kept' : ''}`);
      return HttpResponse.json(vscView(ctx, next), { headers: etag(next.version) });
    }),
  ];
}
